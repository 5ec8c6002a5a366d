package dev.ptrace.analyze.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A CI rule over wait chains written as one .sql file (examples/rules/long-wait-chain.sql),
 * reading the chains table, on perf-inversion: its expected figure is worked out from the raw
 * trace's lock:contention lines, not from the tool.
 */
class WaitChainRuleTest {
    private static final Path RULE = TestData.dir().resolveSibling("examples")
            .resolve("rules").resolve("long-wait-chain.sql");
    private static final Pattern CONTENTION = Pattern.compile(
            "^\\s*\\S+\\s+(\\d+) \\[\\d+\\]\\s+(\\d+)\\.(\\d{6}):\\s+lock:contention_(begin|end):\\s+"
                    + "0xffff88810006d838");

    /**
     * The raw trace: five threads (16374-16378) wait for mmap_lock 0xffff88810006d838 from
     * 9971.272472 (16375's begin) to 9971.530247 (16378's end), each beginning before the
     * others end, while 16373 holds it: one chain of 6 threads lasting the span of those
     * lines, the first begin to the last end after 9971.2 s.
     */
    private static long chainSpanFromRawLines() throws Exception {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(TestData.trace("perf-inversion.txt.gz"))),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = CONTENTION.matcher(line);
                if (m.find()) {
                    long ns = Long.parseLong(m.group(2)) * 1_000_000_000L
                            + Long.parseLong(m.group(3)) * 1_000L;
                    if (ns > 9_971_200_000_000L) {
                        first = Math.min(first, ns);
                        last = Math.max(last, ns);
                    }
                }
            }
        }
        return last - first;
    }

    @Test
    void theLongWaitChainRuleFailsOnTheInversionWithTheChainsSpanFromTheRawTrace()
            throws Exception {
        long span = chainSpanFromRawLines();
        assertEquals(257_775_000L, span);
        try (TraceAnalysis a = TraceAnalysis.ofFiles(TestData.trace("perf-inversion.txt.gz"))) {
            RuleResult r = a.check(RuleSet.empty().withFile(RULE)).results().get(0);
            assertEquals(RuleResult.Status.FAIL, r.status());
            assertEquals(1, r.failures(), "one chain of more than 3 threads over 20 ms");
            assertEquals((double) span, r.worst());
            // 257.775 ms as DuckDB rounds the double: 257.77
            assertEquals("wl 16373 held mmap_lock while 5 threads waited over 257.77 ms "
                    + "(chain 1, 5 waits, 2 deep)", r.rows().get(0).evidence());
        }
    }

    @Test
    void theChainsTableHoldsEveryChainAndEveryWaitOfTheChainsCommand() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(TestData.trace("perf-inversion.txt.gz"))) {
            a.check(RuleSet.empty().withFile(RULE));
            List<Map<String, Object>> chains = a.query("SELECT chain_id, root_tid, threads, "
                    + "waits, depth, duration_ns FROM chains ORDER BY chain_id");
            assertEquals(a.chains(1).size(), chains.size());
            assertEquals(Map.of("chain_id", 1, "root_tid", 16373, "threads", 6, "waits", 5,
                    "depth", 2, "duration_ns", 257_775_000L), chains.get(0));
            // 16375 waits for the holder; the four readers queue behind 16375's write
            List<Map<String, Object>> members = a.query("SELECT tid, depth, blocked_by, relation"
                    + " FROM chain_members WHERE chain_id = 1 ORDER BY depth, tid");
            assertEquals(List.of(
                    Map.of("tid", 16375, "depth", 1, "blocked_by", 16373, "relation", "holder"),
                    Map.of("tid", 16374, "depth", 2, "blocked_by", 16375,
                            "relation", "queued ahead"),
                    Map.of("tid", 16376, "depth", 2, "blocked_by", 16375,
                            "relation", "queued ahead"),
                    Map.of("tid", 16377, "depth", 2, "blocked_by", 16375,
                            "relation", "queued ahead"),
                    Map.of("tid", 16378, "depth", 2, "blocked_by", 16375,
                            "relation", "queued ahead")), members);
        }
    }
}
