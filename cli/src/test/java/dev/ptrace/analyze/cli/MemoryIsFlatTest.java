package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the trace: the same real capture played 8 and 32 times in a row
 * (one capture, its clock going on; 60 and 240 MB of perf script text, 135,000 and 540,000
 * events) goes through the whole report, ingest and analyses, in a JVM of 64 MB heap with
 * DuckDB capped at 96 MB, and the peak resident memory of the trace four times longer is less
 * than 1.25 times the shorter one's (on the project's machine, 2026-12-07: 252 MB and 292 MB).
 */
class MemoryIsFlatTest {
    private static final Pattern TIME = Pattern.compile(" (\\d+)\\.(\\d{6}): ");

    @TempDir
    Path tmp;

    @Test
    void theReportOfATraceFourTimesLongerNeedsAlmostNoMoreMemory() throws Exception {
        Path source = TestData.trace("perf-churn-threshold128k.txt.gz");
        long shorter = peakRssKb(repeated(source, 8, tmp.resolve("x8.txt")));
        long longer = peakRssKb(repeated(source, 32, tmp.resolve("x32.txt")));
        assertTrue(longer < 448 * 1024, "peak RSS " + longer + " kB");
        assertTrue(longer < shorter * 1.25, "4 times the trace: peak RSS " + shorter
                + " kB -> " + longer + " kB");
    }

    /** Runs the report in a child JVM; its peak RSS in kB. */
    private static long peakRssKb(Path trace) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
                "bin", "java").toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dptrace-analyze.duckdb-memory=96MB", "-cp",
                System.getProperty("java.class.path"), PeakMemoryProbe.class.getName(),
                "report", trace.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        String last = err.lines().filter(l -> l.startsWith("peak-rss-kb ")).findFirst()
                .orElseThrow(() -> new AssertionError(err));
        return Long.parseLong(last.substring("peak-rss-kb ".length()));
    }

    /**
     * The trace {@code times} times in a row as one capture: each copy's events moved to go on
     * one second after the copy before ends.
     */
    private static Path repeated(Path gz, int times, Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (!l.startsWith("#")) {
                    lines.add(l);
                }
            }
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String l : lines) {
            Matcher m = eventTime(l);
            if (m != null) {
                long us = micros(m);
                first = Math.min(first, us);
                last = Math.max(last, us);
            }
        }
        long span = last - first + 1_000_000;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int copy = 0; copy < times; copy++) {
                for (String l : lines) {
                    Matcher m = eventTime(l);
                    if (m != null) {
                        long us = micros(m) + copy * span;
                        l = l.substring(0, m.start()) + String.format(" %d.%06d: ",
                                us / 1_000_000, us % 1_000_000) + l.substring(m.end());
                    }
                    w.write(l);
                    w.write('\n');
                }
            }
        }
        return out;
    }

    /** The time of an event line (not a callchain line), or null. */
    private static Matcher eventTime(String line) {
        if (line.isEmpty() || line.charAt(0) == '\t' || line.charAt(0) == ' ') {
            return null;
        }
        Matcher m = TIME.matcher(line);
        return m.find() ? m : null;
    }

    private static long micros(Matcher m) {
        return Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2));
    }
}
