package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record}: usage errors in one line anywhere; and live, where perf, gcc and root are
 * (CI: .ci/run provides them), a recording of the priority-inversion workload reported, its
 * futex waits recorded with their user stacks.
 */
class RecordCommandTest {
    @TempDir Path tmp;

    @Test
    void recordingNothingOrTwoThingsOrHtmlIsAUsageErrorInOneLine() {
        Cli none = Cli.run("record", "-o", tmp.resolve("r").toString());
        assertEquals(2, none.exit(), none.toString());
        assertEquals("ptrace-analyze: record what? give -- COMMAND... or -p PID\n", none.err());
        Cli both = Cli.run("record", "-p", "1", "--", "true");
        assertEquals("ptrace-analyze: record a COMMAND or a running process (-p PID), not both\n",
                both.err());
        Cli html = Cli.run("record", "--format", "html", "--", "true");
        assertEquals(2, html.exit());
        assertTrue(html.err().startsWith("ptrace-analyze: the HTML report is one file"),
                html.err());
        assertEquals(List.of(), List.of(tmp.toFile().list()), "nothing recorded");
    }

    @Test
    void theWordsAfterTheCommandAreTheCommandsNotOptionsOfRecord() {
        // stops at the first word of the command: -x would be an unknown option of record
        Cli r = Cli.run("record", "-p", "1", "./wl", "-x");
        assertEquals("ptrace-analyze: record a COMMAND or a running process (-p PID), not both\n",
                r.err());
    }

    @Test
    void recordingTheInversionWorkloadReportsTheInversion() throws IOException,
            InterruptedException {
        TestData.require(isRoot(), "record needs root here (perf_event_paranoid)");
        TestData.tool("perf");
        Path gcc = TestData.tool("gcc");
        TestData.require(Files.isDirectory(Path.of("/sys/kernel/tracing/events")),
                "tracefs not mounted: mount -t tracefs nodev /sys/kernel/tracing");
        Path source = TestData.dir().toAbsolutePath().normalize().getParent()
                .resolveSibling("shared").resolve("capture/wl.c");
        TestData.require(Files.exists(source), "no " + source + " (../shared beside the project)");
        Path wl = tmp.resolve("wl");
        Process cc = new ProcessBuilder(gcc.toString(), "-O2", "-g", "-fno-omit-frame-pointer",
                "-pthread", "-o", wl.toString(), source.toString()).inheritIO().start();
        assertEquals(0, cc.waitFor(), "gcc");
        Path dir = tmp.resolve("rec");

        Cli r = Cli.run("record", "-o", dir.toString(), "--", wl.toString(), "inversion",
                "0.5", "3");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.size(dir.resolve("perf.data")) > 0 && Files.size(dir.resolve(
                "kallsyms")) > 0, "the capture and the kernel's symbols kept");
        assertTrue(r.err().contains("read it again (here or elsewhere) with: ptrace-analyze "
                + dir.resolve("perf.data") + " --kallsyms " + dir.resolve("kallsyms")), r.err());
        assertTrue(r.out().contains("kernel frames named from: " + dir.resolve("kallsyms")
                + " (--kallsyms)"), r.out());
        String inversions = r.out().substring(r.out().indexOf("priority inversions ("));
        assertTrue(inversions.contains("Inversion 1: ") && inversions.contains("(prio 139), off "
                + "CPU with mmap_lock"), r.toString());

        // docs/commands.md's example is one run; its layout holds for any, and the events it
        // counts are the event lines perf script prints of the same perf.data (every line but
        // the blank ones and the callchain lines, which begin with a tab)
        Matcher head = Pattern.compile("trace 1: " + Pattern.quote(dir.resolve("perf.data").toString())
                + " \\(perf.data\\)\n  kernel \\S+, \\d+ CPUs\n  ([\\d,]+) events in [\\d,]+ records, "
                + "[\\d,]+ distinct stacks, \\d+ threads in 1 process\n  time [\\d.]+ to [\\d.]+ s: [\\d.]+ m?s\n"
                + "  skipped records: 0\n").matcher(r.out());
        assertTrue(head.find(), r.out());
        Path text = tmp.resolve("perf-script.txt");
        Process script = new ProcessBuilder("perf", "script", "-i", dir.resolve("perf.data").toString(),
                "--kallsyms", dir.resolve("kallsyms").toString()).redirectOutput(text.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, script.waitFor(), "perf script");
        assertEquals(TestData.rawLines(text).stream().filter(l -> !l.isBlank() && !l.startsWith("\t")).count(),
                Long.parseLong(head.group(1).replace(",", "")), "events");
        assertTrue(r.out().contains("\nfindings (") && r.out().contains("\n1. priority inversion on mmap_lock: wl "),
                r.out());

        // futex waits and wakeups are recorded by default, each with its user stack: the main
        // thread's pthread_join waits for the nice-19 reader; as many as perf script prints
        Path db = tmp.resolve("rec.duckdb");
        assertEquals(0, Cli.run("ingest", "--db", db.toString(), dir.resolve("perf.data").toString(),
                "--kallsyms", dir.resolve("kallsyms").toString()).exit());
        Cli futex = Cli.run("sql", "--format", "csv", "--db", db.toString(), "SELECT phase, "
                + "count(*) AS events, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "
                + "stack_frames f WHERE f.trace_id = s.trace_id AND f.stack_id = s.stack_id "
                + "AND f.depth = 0 AND f.module <> '[kernel.kallsyms]')) AS no_user_leaf "
                + "FROM syscalls s WHERE name = 'futex' GROUP BY phase ORDER BY phase");
        long enters = TestData.rawLines(text).stream().filter(l -> l.contains(
                " syscalls:sys_enter_futex: ")).count();
        long exits = TestData.rawLines(text).stream().filter(l -> l.contains(
                " syscalls:sys_exit_futex: ")).count();
        assertTrue(enters > 0 && exits > 0, "futex in perf script: " + enters + ", " + exits);
        assertEquals(List.of("phase,events,no_user_leaf", "enter," + enters + ",0",
                "exit," + exits + ",0"), futex.out().lines().toList(), futex.toString());
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*"));
    }
}
