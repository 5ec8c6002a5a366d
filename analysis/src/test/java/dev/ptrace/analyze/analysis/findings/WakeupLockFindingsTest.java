package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The locks every wakeup takes, on perf's own scheduler workload (captures/perf-real-messaging:
 * {@code perf bench sched messaging -g 2 -l 30}, 2 groups of 20 senders and 20 receivers on 2
 * CPUs): the rq-lock finding's wakeup evidence against the recording's own lines.
 */
class WakeupLockFindingsTest {
    private static final Path TRACE = TestData.dir().resolve(
            "captures/perf-real-messaging.txt.gz");
    private static final Pattern CPU = Pattern.compile("^\\S.*? \\[(\\d{3})] ");

    @Test
    void rqLockFindingCountsTheWakeupsAndTheRunnableThreadsOfTheRecording() throws Exception {
        long wakings = 0;
        Set<String> cpus = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(TRACE)), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.contains(" sched:sched_waking: ")) {
                    wakings++;
                }
                Matcher m = CPU.matcher(line);
                if (line.contains(" sched:sched_switch: ") && m.find()) {
                    cpus.add(m.group(1));
                }
            }
        }
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.shipped())).ingest(TRACE.toString(), true);
            Finding f = Findings.of(db.connection(), 1).stream()
                    .filter(x -> "rq lock".equals(x.lock())).findFirst().orElseThrow();
            assertEquals(wakings, f.figures().get("wakeups"));
            assertEquals(cpus.size(), f.figures().get("cpus"));
            long runnable = f.figures().get("most_runnable");
            assertTrue(runnable >= 80, "the 80 senders and receivers start at once: " + runnable);
            assertEquals(f.figures().get("wait_ns") - f.figures().get("wait_ns") / 4,
                    f.savedNs(), "wakeup_batch 4: three quarters of the waiting");
            String counted = String.format("%,d wakeups in the trace", wakings);
            assertTrue(f.evidence().stream().anyMatch(e -> e.startsWith(counted)
                    && e.endsWith("on 2 CPUs")),
                    f.evidence().toString());
        }
    }
}
