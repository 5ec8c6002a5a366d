package dev.ptrace.analyze.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every real perf trace ingests completely: no skipped line, every event in its table. */
class IngestRealTracesTest {
    /** Written independently of the reader: an event line, its name before the payload. */
    private static final Pattern EVENT_LINE = Pattern.compile(
            "^.+?\\s+-?\\d+(?:/\\d+)?\\s+(?:\\[\\d+\\]\\s+)?\\d+\\.\\d+:\\s+(?:\\d+\\s+)?(\\S+):(?:\\s|$)");

    /**
     * Written independently of the ftrace reader: the text after the timestamp, in the tracefs
     * layout ([CPU] column) or trace-cmd's latency layout (CPU and flags as one column).
     */
    private static final Pattern FTRACE_LINE = Pattern.compile(
            "^\\s*\\S.*-\\d+\\s+(?:\\(\\s*[-\\d]+\\)\\s+)?(?:\\[\\d+\\]\\s+(?:\\S+\\s+)?|\\d+\\S{4,5}\\s+)"
                    + "\\d+\\.\\d+: (.*)$");
    private static final Pattern SYSCALL_ENTER = Pattern.compile("^sys_(\\w+)\\(.*\\)$");
    private static final Pattern SYSCALL_EXIT = Pattern.compile("^sys_(\\w+) -> \\S+$");
    private static final Pattern TRACEPOINT = Pattern.compile("^(\\w+):(?:\\s|$)");

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> perfTraces() {
        return TestData.perfTraces().stream();
    }

    static Stream<Path> bpftraceTraces() {
        return TestData.bpftraceTraces().stream();
    }

    /**
     * Counted from the file: map entries are lines starting with @ that carry a value (or a
     * stack key's closing ]: line), buckets are [lo, hi) lines, the rest but blank and stack
     * key lines are text.
     */
    @ParameterizedTest
    @MethodSource("bpftraceTraces")
    void bpftraceIngestsEveryMapEntryBucketAndLine(Path trace) throws Exception {
        long maps = 0;
        long buckets = 0;
        long text = 0;
        boolean inKey = false;
        try (BufferedReader r = gunzip(trace)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (inKey) {
                    if (line.startsWith("]:")) {
                        inKey = false;
                        maps += line.strip().equals("]:") ? 0 : 1;
                    }
                } else if (line.matches("@\\w*\\[")) {
                    inKey = true;
                } else if (line.startsWith("@")) {
                    maps += line.matches("@[^:]*(\\[.*\\])?:\\s*") ? 0 : 1;
                } else if (line.matches("[\\[(].*, .*[\\])]\\s+\\d+ \\|.*")) {
                    buckets++;
                } else if (!line.isBlank()) {
                    text++;
                }
            }
        }
        try (Database db = Database.inMemory()) {
            IngestResult r = new TraceIngester(db).ingest(trace.toString(), true);
            assertEquals(0, r.skippedLines());
            assertEquals(maps, single(db, "SELECT count(*) FROM bpftrace_maps"));
            assertEquals(buckets, single(db, "SELECT count(*) FROM bpftrace_histograms"));
            assertEquals(text, single(db, "SELECT count(*) FROM text_lines"));
            assertTrue(maps + buckets > 0);
        }
    }

    private static long single(Database db, String sql) throws SQLException {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Stream<Path> ftraceTraces() {
        return TestData.ftraceTraces().stream();
    }

    @ParameterizedTest
    @MethodSource("ftraceTraces")
    void ftraceIngestsWithZeroSkippedLinesAndOneRowPerEventLine(Path trace) throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        try (BufferedReader r = gunzip(trace)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith(" =>") || line.startsWith("=>")
                        || line.matches("cpus=\\d+")) {
                    continue;
                }
                Matcher m = FTRACE_LINE.matcher(line);
                assertTrue(m.matches(), "not an event line: " + line);
                String body = m.group(1);
                Matcher enter = SYSCALL_ENTER.matcher(body);
                Matcher exit = SYSCALL_EXIT.matcher(body);
                Matcher tp = TRACEPOINT.matcher(body);
                if (body.startsWith("<stack trace>") || body.startsWith("<user stack trace>")
                        || body.matches("kernel_stack:\\s+<stack trace >")) {
                    continue;
                } else if (enter.matches()) {
                    expected.merge("sys_enter_" + enter.group(1), 1L, Long::sum);
                } else if (exit.matches()) {
                    expected.merge("sys_exit_" + exit.group(1), 1L, Long::sum);
                } else {
                    assertTrue(tp.find(), "no event name: " + line);
                    expected.merge(tp.group(1), 1L, Long::sum);
                }
            }
        }
        try (Database db = Database.inMemory()) {
            IngestResult r = new TraceIngester(db).ingest(trace.toString(), true);
            assertEquals(0, r.skippedLines());
            assertEquals(expected, countsByName(db));
            assertEquals(lineCount(trace), r.lines());
        }
    }

    @ParameterizedTest
    @MethodSource("perfTraces")
    void ingestsWithZeroSkippedLinesAndOneRowPerEventLine(Path trace) throws Exception {
        Map<String, Long> expected = eventLinesByName(trace);
        assertFalse(expected.isEmpty());
        try (Database db = Database.inMemory()) {
            IngestResult r = new TraceIngester(db).ingest(trace.toString(), true);
            assertEquals(0, r.skippedLines());
            assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), r.events());
            assertEquals(expected, countsByName(db));
            assertEquals(lineCount(trace), r.lines());
        }
    }

    static Stream<Path> bpftraceEventTraces() {
        return TestData.bpftraceEventTraces().stream();
    }

    /** bpftrace's own lines (Attaching, the BEGIN banner, Lost N events) are text, the rest events. */
    @ParameterizedTest
    @MethodSource("bpftraceEventTraces")
    void bpftraceLocksScriptOutputIngestsEveryEventLineAndKeepsItsOwnLinesAsText(Path trace)
            throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        long text = 0;
        for (String line : bpftracePrintedLines(trace)) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            Matcher m = EVENT_LINE.matcher(line);
            if (m.find()) {
                expected.merge(m.group(1), 1L, Long::sum);
            } else {
                text++;
            }
        }
        assertTrue(expected.getOrDefault("lock:contention_begin", 0L) > 0, expected.toString());
        try (Database db = Database.inMemory()) {
            IngestResult r = new TraceIngester(db).ingest(trace.toString(), true);
            assertEquals(0, r.skippedLines());
            assertEquals(expected, countsByName(db));
            assertEquals(text, single(db, "SELECT count(*) FROM text_lines"));
            assertEquals(expected.get("lock:contention_begin"), single(db,
                    "SELECT count(*) FROM lock_contention c JOIN stack_frames f ON f.trace_id = c.trace_id"
                            + " AND f.stack_id = c.stack_id AND f.depth = 0 WHERE c.phase = 'begin'"));
        }
    }

    /**
     * The lines bpftrace printed: the file's lines, or for -f json the lines inside each printf
     * record's data, and "Attaching N probes..." for its attached_probes record.
     */
    private static List<String> bpftracePrintedLines(Path trace) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = gunzip(trace)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!trace.getFileName().toString().contains(".json") || line.isBlank()) {
                    lines.add(line);
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                switch (record.get("type").asString()) {
                    case "printf" -> lines.addAll(List.of(record.get("data").asString().split("\n")));
                    case "attached_probes" -> lines.add("Attaching "
                            + record.get("data").get("probes").asInt() + " probes...");
                    default -> throw new AssertionError("unexpected record: " + line);
                }
            }
        }
        return lines;
    }

    private static Map<String, Long> eventLinesByName(Path trace) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        try (BufferedReader r = gunzip(trace)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#") || Character.isWhitespace(line.charAt(0))) {
                    continue;
                }
                Matcher m = EVENT_LINE.matcher(line);
                assertTrue(m.find(), "not an event line: " + line);
                counts.merge(m.group(1), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static long lineCount(Path trace) throws IOException {
        try (BufferedReader r = gunzip(trace)) {
            return r.lines().count();
        }
    }

    private static BufferedReader gunzip(Path trace) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(trace)), StandardCharsets.UTF_8));
    }

    private static Map<String, Long> countsByName(Database db) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT event, count(*) FROM events GROUP BY event")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
