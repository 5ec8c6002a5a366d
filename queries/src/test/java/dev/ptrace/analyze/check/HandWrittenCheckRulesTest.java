package dev.ptrace.analyze.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.api.TraceAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in check rules on small perf script traces written by hand: one long mmap_lock
 * write hold (mprotect of 1 GiB) with a page fault waiting behind it. The expected outcomes are
 * worked out by hand from the rules' SQL and thresholds, not copied from the tool's output.
 */
class HandWrittenCheckRulesTest {
    @TempDir
    Path dir;

    /*
     * Times in microseconds after 600 s. faulter 602 (cpu 1) faults without waiting at 0..50;
     * unmapper 601 (cpu 0) takes mmap_lock for write in mprotect at 10020 and releases it
     * HOLD later, waking faulter (+5), which queued for read at 20010 and slept; faulter runs
     * at +20, is in at +30, out at +40; it faults again at 120000..120020 (the trace's end).
     */
    private Path trace(long holdMs) throws Exception {
        long release = 10_020 + holdMs * 1000;
        String text = """
                faulter 602 [001] 600.000000: mmap_lock:mmap_lock_start_locking: \
                mm=0xffff8881000b0000 memcg_id=1 write=false
                faulter 602 [001] 600.000010: mmap_lock:mmap_lock_acquire_returned: \
                mm=0xffff8881000b0000 memcg_id=1 write=false success=true
                faulter 602 [001] 600.000050: mmap_lock:mmap_lock_released: \
                mm=0xffff8881000b0000 memcg_id=1 write=false
                unmapper 601 [000] 600.010000: syscalls:sys_enter_mprotect: \
                start: 0x7f6000000000, len: 0x40000000, prot: 0x00000001
                unmapper 601 [000] 600.010010: mmap_lock:mmap_lock_start_locking: \
                mm=0xffff8881000b0000 memcg_id=1 write=true
                unmapper 601 [000] 600.010020: mmap_lock:mmap_lock_acquire_returned: \
                mm=0xffff8881000b0000 memcg_id=1 write=true success=true
                faulter 602 [001] 600.020000: mmap_lock:mmap_lock_start_locking: \
                mm=0xffff8881000b0000 memcg_id=1 write=false
                faulter 602 [001] 600.020010: lock:contention_begin: 0xffff8881000b00b8 \
                (flags=READ)
                faulter 602 [001] 600.020020: sched:sched_switch: prev_comm=faulter \
                prev_pid=602 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 \
                next_prio=120
                unmapper 601 [000] %1$s: mmap_lock:mmap_lock_released: \
                mm=0xffff8881000b0000 memcg_id=1 write=true
                unmapper 601 [000] %2$s: sched:sched_waking: comm=faulter pid=602 prio=120 \
                target_cpu=001
                unmapper 601 [000] %3$s: syscalls:sys_exit_mprotect: 0x0
                swapper 0 [001] %4$s: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
                prev_prio=120 prev_state=R ==> next_comm=faulter next_pid=602 next_prio=120
                faulter 602 [001] %5$s: lock:contention_end: 0xffff8881000b00b8 (ret=0)
                faulter 602 [001] %5$s: mmap_lock:mmap_lock_acquire_returned: \
                mm=0xffff8881000b0000 memcg_id=1 write=false success=true
                faulter 602 [001] %6$s: mmap_lock:mmap_lock_released: \
                mm=0xffff8881000b0000 memcg_id=1 write=false
                faulter 602 [001] 600.120000: mmap_lock:mmap_lock_start_locking: \
                mm=0xffff8881000b0000 memcg_id=1 write=false
                faulter 602 [001] 600.120010: mmap_lock:mmap_lock_acquire_returned: \
                mm=0xffff8881000b0000 memcg_id=1 write=false success=true
                faulter 602 [001] 600.120020: mmap_lock:mmap_lock_released: \
                mm=0xffff8881000b0000 memcg_id=1 write=false
                """.formatted(at(release), at(release + 5), at(release + 10), at(release + 20),
                at(release + 30), at(release + 40));
        Path p = dir.resolve("hold-" + holdMs + "ms.txt");
        Files.writeString(p, text);
        return p;
    }

    /** perf script's time of {@code us} microseconds after 600 s. */
    private static String at(long us) {
        return String.format("600.%06d", us);
    }

    private static RuleResult result(TraceAnalysis.CheckResult check, String rule) {
        return check.results().stream().filter(r -> r.rule().name().equals(rule)).findFirst()
                .orElseThrow();
    }

    private static List<String> notPassed(TraceAnalysis.CheckResult check) {
        return check.results().stream().filter(r -> r.status() != RuleResult.Status.PASS)
                .map(r -> r.rule().name()).toList();
    }

    /*
     * mmap-lock-hold (error, 50 ms): one row per mmap_lock hold, value its duration. The
     * holds: faulter's reads (10..50, 10 us after its wait, 120010..120020) and
     * unmapper's write 600.010020..600.070020 = 60 ms > 50 ms: the rule fails with that one
     * row, worst 60 ms; its evidence names the holder, the mode, the hold's ends in ns and the
     * one wait (faulter's) blamed on it. No other rule fails: every thread runs at prio 120
     * (no inversion); faulter waited 20010..70050 = 50.04 ms of its 120.02 ms in the trace
     * (41.7%, lock-wait-share's threshold is 50%); there is no mmap or munmap churn, no
     * page-table lock, and no finding can save 500 ms of the 50.04 ms waited. The check fails.
     */
    @Test
    void mmapLockHoldRuleFailsTheCheckOnASixtyMillisecondWriteHold() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(trace(60))) {
            TraceAnalysis.CheckResult check = a.check(RuleSet.builtIn());
            assertFalse(check.passed(), check.summary());
            assertEquals(List.of("mmap-lock-hold"), notPassed(check));
            RuleResult r = result(check, "mmap-lock-hold");
            assertEquals(RuleResult.Status.FAIL, r.status());
            assertEquals(1, r.failures());
            assertEquals(60_000_000.0, r.worst());
            assertEquals(1, r.rows().size());
            RuleResult.Row row = r.rows().get(0);
            assertEquals(60_000_000.0, row.value());
            assertTrue(row.evidence().startsWith("unmapper 601 held mmap_lock for write 60")
                    && row.evidence().endsWith(" ms (600010020000 ... 600070020000 ns), "
                    + "1 waits blamed on it"), row.evidence());
        }
    }

    /*
     * The same trace with a 40 ms hold: the longest hold is 40 ms <= 50 ms, the rule passes
     * (worst 40 ms, no row over the threshold); faulter waited 20010..50050 = 30.04 ms of
     * 120.02 ms (25%). Every rule passes.
     */
    @Test
    void mmapLockHoldRulePassesOnAFortyMillisecondWriteHold() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(trace(40))) {
            TraceAnalysis.CheckResult check = a.check(RuleSet.builtIn());
            assertTrue(check.passed(), check.summary());
            assertEquals(List.of(), notPassed(check));
            RuleResult r = result(check, "mmap-lock-hold");
            assertEquals(RuleResult.Status.PASS, r.status());
            assertEquals(0, r.failures());
            assertEquals(40_000_000.0, r.worst());
            assertEquals(List.of(), r.rows());
        }
    }

    /* The 60 ms hold against the rule set to 70 ms (check --set): 60 <= 70, it passes. */
    @Test
    void sixtyMillisecondHoldPassesWhenTheThresholdIsRaisedToSeventy() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(trace(60))) {
            TraceAnalysis.CheckResult check = a.check(RuleSet.builtIn()
                    .withThreshold("mmap-lock-hold", "70 ms"));
            assertTrue(check.passed(), check.summary());
            assertEquals(60_000_000.0, result(check, "mmap-lock-hold").worst());
        }
    }
}
