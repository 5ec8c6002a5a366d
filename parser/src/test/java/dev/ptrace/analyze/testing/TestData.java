package dev.ptrace.analyze.testing;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.SinkItem;
import dev.ptrace.analyze.event.TraceEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The project's testdata/ folder and helpers every module's tests share. */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        String dir = System.getProperty("ptrace.testdata");
        if (dir == null) {
            throw new IllegalStateException("system property ptrace.testdata is not set "
                    + "(run the tests through Maven)");
        }
        return Path.of(dir);
    }

    /**
     * The lines of a trace (gzipped or not) as the capture tool printed them: what a test
     * counts with its own pattern, independent of the readers.
     */
    public static List<String> rawLines(Path trace) throws IOException {
        try (InputStream in = Files.newInputStream(trace);
             BufferedReader r = new BufferedReader(new InputStreamReader(
                     trace.toString().endsWith(".gz") ? new GZIPInputStream(in) : in,
                     StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    /** A real trace copied from ../shared/traces, e.g. {@code perf-inversion.txt.gz}. */
    public static Path trace(String name) {
        return dir().resolve("traces").resolve(name);
    }

    /**
     * The real perf script traces: the shared ones (traces/), our own captures (captures/) and
     * the perf halves of our same-run recordings (samerun/, threetool/, inversions/).
     */
    public static List<Path> perfTraces() {
        java.util.function.Predicate<Path> perf = p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".txt.gz") && (n.startsWith("perf-") || n.endsWith(".perf.txt.gz"));
        };
        List<Path> all = new ArrayList<>();
        for (String sub : List.of("traces", "captures", "samerun", "threetool", "inversions")) {
            all.addAll(list(sub, perf));
        }
        return all;
    }

    /** perf script text in other -F layouts (perfscript-layouts/), some without times. */
    public static List<Path> perfScriptLayouts() {
        return list("perfscript-layouts", p -> p.getFileName().toString().endsWith(".txt.gz"));
    }

    /** The tracefs and trace-cmd traces: {@code ftrace-*}, {@code tracecmd-*}, {@code *.ftrace.*}. */
    public static List<Path> ftraceTraces() {
        java.util.function.Predicate<Path> ftrace = p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".txt.gz") && (n.startsWith("ftrace-") || n.startsWith("tracecmd-")
                    || n.endsWith(".ftrace.txt.gz"));
        };
        List<Path> all = new ArrayList<>();
        for (String sub : List.of("traces", "samerun", "tracecmd", "threetool", "inversions")) {
            all.addAll(list(sub, ftrace));
        }
        return all;
    }

    /**
     * Our perf.data captures (perfdata/): the binary files (.perf.data, gzipped or not) and the
     * perf script text perf printed of each.
     */
    public static List<Path> perfDataCaptures() {
        return list("perfdata", p -> p.getFileName().toString().matches(
                ".*\\.perf\\.data(\\.gz)?|.*\\.perf-script\\.txt\\.gz"));
    }

    /**
     * Our trace.dat captures (tracedat/): the binary files (.dat, gzipped or not) and the
     * trace-cmd report text trace-cmd printed of each.
     */
    public static List<Path> traceDatCaptures() {
        return list("tracedat", p -> p.getFileName().toString().matches(
                ".*\\.dat(\\.gz)?|.*\\.report\\.txt\\.gz"));
    }

    /** The bpftrace outputs of ../shared/traces: {@code bpftrace-*.txt.gz}. */
    public static List<Path> bpftraceTraces() {
        return list("traces", p -> p.getFileName().toString().matches("bpftrace-.*\\.txt\\.gz"));
    }

    /**
     * What scripts/bpftrace/locks.bt printed (threetool/): perf script's event lines, written
     * by bpftrace as text ({@code .bpftrace.txt.gz}) or inside -f json's printf records
     * ({@code .bpftrace.json.gz}).
     */
    public static List<Path> bpftraceEventTraces() {
        return list("threetool", p -> p.getFileName().toString().matches(".*\\.bpftrace\\.(txt|json)\\.gz"));
    }

    /**
     * A benchmark capture of ../shared/bench beside the project (176 MB and more of perf
     * script: too large for testdata/), e.g. {@code churn-1.5s.perf.txt.gz}; see
     * {@link #require}.
     */
    public static Path benchCapture(String name) {
        Path p = dir().toAbsolutePath().normalize().getParent().resolveSibling("shared")
                .resolve("bench").resolve(name);
        require(Files.exists(p), "no " + p + " (../shared/bench beside the project)");
        return p;
    }

    /**
     * What a test needs from the machine (a tool, ../shared): without it the test is skipped,
     * saying why, or fails when CI=true, since .ci/run provides everything.
     */
    public static void require(boolean present, String why) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (CI=true: .ci/run provides it)");
        }
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    /**
     * An executable on the PATH ({@code go}, {@code protoc}): a test that needs it fails
     * without it under CI=true (.ci/run installs it) and is skipped elsewhere.
     */
    public static Path tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        require(false, "no " + name + " on the PATH");
        return null;
    }

    /** Perf traces for which perf lock contention's own answers are stored. */
    public static List<Path> perfTracesWithOracles() {
        return perfTraces().stream().filter(p -> Files.exists(oracle(p, "caller"))).toList();
    }

    /** {@code NAME.perf-lock-KIND.oracle} next to {@code NAME.txt.gz} or NAME.perf.txt.gz. */
    public static Path oracle(Path trace, String kind) {
        String n = trace.getFileName().toString().replaceFirst("(\\.perf)?\\.txt\\.gz$", "");
        return trace.resolveSibling(n + ".perf-lock-" + kind + ".oracle");
    }

    private static List<Path> list(String sub, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.list(dir().resolve(sub))) {
            return s.filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sink that keeps everything, for reader tests. */
    public static final class CollectingSink implements EventSink {
        public final List<TraceEvent> events = new ArrayList<>();
        /** Everything that is not an event: map entries, histogram buckets, text lines. */
        public final List<SinkItem> others = new ArrayList<>();
        public final Map<Long, List<Frame>> stacks = new LinkedHashMap<>();
        public final Map<String, String> metadata = new LinkedHashMap<>();

        @Override
        public void item(SinkItem item) {
            if (item instanceof TraceEvent e) {
                events.add(e);
            } else {
                others.add(item);
            }
        }

        @Override
        public void stack(long stackId, List<Frame> frames) {
            stacks.put(stackId, frames);
        }

        @Override
        public void metadata(String key, String value) {
            metadata.put(key, value);
        }
    }
}
