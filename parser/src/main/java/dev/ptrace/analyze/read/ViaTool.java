package dev.ptrace.analyze.read;

import dev.ptrace.analyze.read.symbols.SymbolSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An installed tool a binary capture can be read through instead of natively
 * ({@code --via-perf-script}, {@code --via-trace-cmd}): the text it prints of the capture is
 * streamed into the text readers as it comes, for anything the native reader cannot do.
 */
public enum ViaTool {
    /**
     * {@code perf script --ns} with the fields the perf text reader needs of each kind of event
     * (process and thread ids, CPU, time to the ns, the tracepoint payload, callchains with
     * symbol offsets and files): the text testdata/perfdata's references were printed with.
     */
    PERF_SCRIPT("perf.data", "--via-perf-script", "perf", "linux-perf", true) {
        @Override
        boolean reads(ByteBuffer head) {
            return BinaryFormat.detect(head) == BinaryFormat.PERF_DATA;
        }

        @Override
        List<String> arguments(String file, SymbolSources symbols) {
            List<String> args = new ArrayList<>(List.of("script", "--ns",
                    "-F", "trace:comm,pid,tid,cpu,time,event,trace,ip,sym,symoff,dso",
                    "-F", "sw:comm,pid,tid,cpu,time,period,event,ip,sym,symoff,dso",
                    "-F", "hw:comm,pid,tid,cpu,time,period,event,ip,sym,symoff,dso"));
            if (symbols.kallsyms() != null) {
                args.addAll(List.of("--kallsyms", symbols.kallsyms().toString()));
            }
            if (!symbols.symfs().equals(Path.of("/"))) {
                args.addAll(List.of("--symfs", symbols.symfs().toString()));
            }
            args.addAll(List.of("-i", file));
            return args;
        }

        /** perf's build-id cache: the one the native reader would use, or none. */
        @Override
        Map<String, String> environment(SymbolSources symbols) {
            Path cache = symbols.buildIdDir() != null ? symbols.buildIdDir()
                    : Path.of(System.getProperty("java.io.tmpdir"), "ptrace-analyze-no-cache");
            return Map.of("PERF_BUILDID_DIR", cache.toString());
        }
    },

    /** {@code trace-cmd report -t}: nanosecond timestamps, kernel stacks as it prints them. */
    TRACE_CMD("trace.dat", "--via-trace-cmd", "trace-cmd", "trace-cmd", false) {
        /** trace.dat's magic: 0x17 0x08 0x44, then "tracing". */
        private final byte[] magic = {0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g'};

        @Override
        boolean reads(ByteBuffer head) {
            byte[] b = new byte[Math.min(magic.length, head.remaining())];
            head.duplicate().get(b);
            return Arrays.equals(b, magic);
        }

        @Override
        List<String> arguments(String file, SymbolSources symbols) {
            return List.of("report", "-t", "-i", file);
        }
    };

    private static final int SNIFF_BYTES = 16;
    private final String capture;
    private final String option;
    private final String executable;
    private final String debianPackage;
    private final boolean readsStandardInput;

    ViaTool(String capture, String option, String executable, String debianPackage,
            boolean readsStandardInput) {
        this.capture = capture;
        this.option = option;
        this.executable = executable;
        this.debianPackage = debianPackage;
        this.readsStandardInput = readsStandardInput;
    }

    /** Whether a capture starting with {@code head} is one this tool prints. */
    abstract boolean reads(ByteBuffer head);

    /** The tool's arguments that print {@code file} as text. */
    abstract List<String> arguments(String file, SymbolSources symbols);

    /** Variables set for the tool. */
    Map<String, String> environment(SymbolSources symbols) {
        return Map.of();
    }

    /** The command-line option that asks for this tool. */
    public String option() {
        return option;
    }

    /** The tool that prints captures of the format {@code displayName} (perf.data), or null. */
    public static ViaTool printing(String displayName) {
        for (ViaTool t : values()) {
            if (t.capture.equals(displayName)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The text this tool prints of {@code source} (a path, or {@code -}: standard input, for a
     * tool that reads it), or null when {@code source} is no capture of its (then it is read as
     * usual). A gzipped capture is decompressed to a temporary file first: the tools read
     * files.
     */
    public LineSource open(String source, SymbolSources symbols) {
        if (TraceInput.STDIN.equals(source)) {
            return readsStandardInput ? run(source, source, symbols, () -> { }) : null;
        }
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            byte[] head = head(file);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return decompressed(source, file, symbols);
            }
            return reads(ByteBuffer.wrap(head)) ? run(source, file.toAbsolutePath().toString(),
                    symbols, () -> { }) : null;
        } catch (IOException e) {
            throw new InputException(source, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private LineSource decompressed(String source, Path file, SymbolSources symbols)
            throws IOException {
        Path copy = Files.createTempFile("ptrace-analyze-", ".data");
        copy.toFile().deleteOnExit();
        Runnable remove = () -> copy.toFile().delete();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            if (reads(ByteBuffer.wrap(head(copy)))) {
                return run(source, copy.toString(), symbols, remove);
            }
        } catch (java.io.EOFException e) {
            remove.run();
            throw new InputException(source, 0, "compressed input ends early (truncated .gz?)",
                    e);
        } catch (IOException | RuntimeException e) {
            remove.run();
            throw e;
        }
        remove.run();
        return null;
    }

    private LineSource run(String source, String file, SymbolSources symbols,
                           Runnable afterClose) {
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(arguments(file, symbols));
        return ToolOutput.open(source, command, environment(symbols), TraceInput.STDIN.equals(
                file), option + " runs " + executable + ", which is not installed (Debian: "
                + "apt-get install " + debianPackage + ")", afterClose);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }
}
