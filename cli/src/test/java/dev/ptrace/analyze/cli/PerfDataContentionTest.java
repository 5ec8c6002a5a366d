package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code contention} on a perf.data prints perf lock contention's rows (and -t's) exactly:
 * every column perf prints, each row as perf keys it (by callchain, so one caller name may
 * have several rows), in perf's order. The timestamps are the file's nanoseconds, so no
 * tolerance is needed: the lines are compared as text, perf's own three significant digits
 * included. The oracles are what perf lock contention printed for the same file.
 */
class PerfDataContentionTest {
    private static Path dir() {
        return TestData.dir().resolve("perfdata");
    }

    private static String[] args(String capture, String... more) {
        String[] base = {"contention", dir().resolve(capture).toString(), "--quiet",
            "--kallsyms", dir().resolve("kallsyms").toString(), "--symfs",
            dir().resolve("symfs").toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The table rows: lines that start with a count, as perf prints them. */
    private static List<String> rows(String text) {
        return text.lines().filter(l -> l.matches("\\s+\\d+\\s+\\S.*")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inversion", "churn.zstd"})
    void byCallerEveryRowAndColumnIsPerfLockContentions(String name) throws IOException {
        String capture = name + (name.contains("zstd") ? ".perf.data" : ".perf.data.gz");
        Cli r = Cli.run(args(capture));
        assertEquals(0, r.exit(), r.toString());
        List<String> perf = rows(Files.readString(dir().resolve(name
                + ".perf-lock-caller.oracle")));
        assertEquals(perf, rows(r.out()), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inversion", "churn.zstd"})
    void byThreadEveryCountAndTimeIsPerfLockContentionTs(String name) throws IOException {
        String capture = name + (name.contains("zstd") ? ".perf.data" : ".perf.data.gz");
        Cli r = Cli.run(args(capture, "--by", "thread"));
        assertEquals(0, r.exit(), r.toString());
        // perf lock -t names the threads it saw no COMM record for ":TID"; the tool names them
        // from the records perf script reads (their parent's name): the name column differs
        List<String> perf = rows(Files.readString(dir().resolve(name
                + ".perf-lock-thread.oracle"))).stream().map(PerfDataContentionTest::withoutName)
                .toList();
        // the tool adds hold columns perf does not print ("-" where no hold was seen)
        List<String> ours = rows(r.out()).stream()
                .map(l -> l.replaceAll("\\s+-\\s+-", "")).map(PerfDataContentionTest::withoutName)
                .toList();
        assertEquals(perf, ours, r.toString());
    }

    private static String withoutName(String row) {
        return row.substring(0, row.stripTrailing().lastIndexOf(' '));
    }
}
