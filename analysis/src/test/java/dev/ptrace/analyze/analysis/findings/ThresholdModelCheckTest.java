package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mmap-threshold model against reality (testdata/threshold, scripts/threshold-check.sh):
 * the churn workload recorded with a fixed 128 KiB threshold, then again with the threshold
 * and trim threshold the finding recommended, and with the mmap threshold alone.
 */
class ThresholdModelCheckTest {
    private record Measured(long calls, long madvises, long waitNs, Finding threshold) {
    }

    private static Measured measure(String name) throws Exception {
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.shipped())).ingest(TestData.dir()
                    .resolve("threshold").resolve(name).toString(), true);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM syscalls WHERE "
                         + "phase = 'enter' AND name IN ('mmap', 'munmap')), (SELECT count(*) "
                         + "FROM syscalls WHERE phase = 'enter' AND name = 'madvise'), (SELECT "
                         + "coalesce(sum(duration_ns), 0) FROM waits JOIN locks USING (trace_id,"
                         + " lock_id) WHERE name = 'mmap_lock')")) {
                rs.next();
                Finding f = Findings.of(db.connection(), 1).stream()
                        .filter(x -> x.scenario().equals("mmap-threshold")).findFirst()
                        .orElse(null);
                return new Measured(rs.getLong(1), rs.getLong(2), rs.getLong(3), f);
            }
        }
    }

    @Test
    void recommendedThresholdRemovesThePredictedCallsAndWaiting() throws Exception {
        Measured before = measure("churn-before-1.txt.gz");
        Measured after = measure("churn-after-1.txt.gz");
        Finding f = before.threshold();
        assertEquals(2L << 20, f.figures().get("recommended_threshold"),
                "the recording after used MALLOC_MMAP_THRESHOLD_=2097152");
        long predictedCalls = before.calls() - f.figures().get("calls_removed");
        assertTrue(Math.abs(after.calls() - predictedCalls) <= 1,
                "calls left: predicted " + predictedCalls + ", measured " + after.calls());
        long measuredSaved = before.waitNs() - after.waitNs();
        assertTrue(Math.abs(f.savedNs() - measuredSaved) <= 0.10 * measuredSaved,
                "mmap_lock waiting removed: predicted " + f.savedNs() + ", measured "
                        + measuredSaved);
        assertEquals(null, after.threshold(), "no threshold finding after the fix");
    }

    @Test
    void mmapThresholdWithoutTrimThresholdTrimsTheHeapOnEveryFree() throws Exception {
        Measured before = measure("churn-before-1.txt.gz");
        Measured mmapOnly = measure("churn-mmap-only-1.txt.gz");
        assertTrue(mmapOnly.calls() <= 22, "the chunks left mmap: " + mmapOnly.calls());
        assertTrue(mmapOnly.madvises() > 100 * before.madvises(),
                "madvise(MADV_DONTNEED) trims instead: " + mmapOnly.madvises());
    }
}
