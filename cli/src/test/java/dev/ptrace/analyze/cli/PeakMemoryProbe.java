package dev.ptrace.analyze.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one command line of the CLI in this JVM, then prints on the last line of stderr the
 * process's peak resident memory (VmHWM, kB): what a test of memory reads from a child JVM.
 */
public final class PeakMemoryProbe {
    private PeakMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = Main.run(args, out, err);
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: -1 kB");
        err.println("peak-rss-kb " + hwm.replaceAll("[^0-9-]", ""));
        err.flush();
        System.exit(code);
    }
}
