package dev.ptrace.analyze.analysis.scenarios;

import static dev.ptrace.analyze.analysis.scenarios.HandTraces.assertSays;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.scenarios.HandTraces.Ingested;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-ifs of user-space locks and wakeup latency on a pthread mutex written by hand, each
 * figure worked out in the comment from the trace's times.
 */
class HandWrittenFutexWhatIfTest {
    @TempDir
    Path dir;

    private static final String WAIT_STACK = """
            \t           8612b __lll_lock_wait+0x2b (/usr/lib/x86_64-linux-gnu/libc.so.6)
            \t            1935 worker+0x10 (wl)

            """;
    private static final String WAKE_STACK = """
            \t           86193 __lll_lock_wake+0x13 (/usr/lib/x86_64-linux-gnu/libc.so.6)
            \t            1a0c worker+0x18c (wl)

            """;

    /*
     * wl 701 runs on CPU 0 from 0.5 ms to the end. wl 702 (CPU 1) finds the mutex 0x5600
     * taken: FUTEX_WAIT (op 0x80, val 2) at 1.0 ms, and sleeps at 1.1 ms, when wl 703 takes
     * CPU 1. 701 unlocks: its FUTEX_WAKE (op 0x81) at 6.0 ms, its sched_waking of 702 at
     * 6.1 ms, the wake returns 1 at 6.2 ms. 703 keeps CPU 1 until 7.5 ms, when 702 runs; its
     * wait returns 0 at 7.6 ms. 702 unlocks with a wake at 9.0 ms (returns 0 at 9.1 ms).
     * 702 waited 1.0..7.6 = 6.60 ms: for its waker 701, running, 1.0..6.1 = 5.10 ms (in the
     * hold 701 had from the first wait it ended, 1.0..6.0 = 5 ms); woken, for a CPU 6.1..7.5
     * = 1.40 ms (runnable), then running 0.1 ms. Holds: 701 1.0..6.0 (5 ms), 702 from its
     * wait's return to its wake, 7.6..9.0 (1.4 ms): 2, 6.4 ms, 3.20 ms on average. Holds
     * half as long (user_lock_hold_cut_percent 50): 3.20 ms to 1.60 ms, the 5.10 ms waited
     * behind the holder shrinks by half, 2.55 ms saved. Wakeup latency: 1 wait of 1 thread,
     * 1.40 ms runnable after its wake, while 701 and 703 had the 2 CPUs, 1.40 ms each.
     */
    private static final String MUTEX = """
            wl 701 [000] 700.000500: sched:sched_switch: prev_comm=swapper/0 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=wl next_pid=701 next_prio=120
            wl 702 [001] 700.001000: syscalls:sys_enter_futex: uaddr: 0x00005600, \
            op: 0x00000080, val: 0x00000002, utime: 0x00000000, uaddr2: 0x00000000, \
            val3: 0x00000000
            """ + WAIT_STACK + """
            wl 702 [001] 700.001100: sched:sched_switch: prev_comm=wl prev_pid=702 \
            prev_prio=120 prev_state=S ==> next_comm=wl next_pid=703 next_prio=120
            wl 701 [000] 700.006000: syscalls:sys_enter_futex: uaddr: 0x00005600, \
            op: 0x00000081, val: 0x00000001, utime: 0x00000000, uaddr2: 0x00000000, \
            val3: 0x00000000
            """ + WAKE_STACK + """
            wl 701 [000] 700.006100: sched:sched_waking: comm=wl pid=702 prio=120 target_cpu=001
            wl 701 [000] 700.006200: syscalls:sys_exit_futex: 0x1
            wl 703 [001] 700.007500: sched:sched_switch: prev_comm=wl prev_pid=703 \
            prev_prio=120 prev_state=R ==> next_comm=wl next_pid=702 next_prio=120
            wl 702 [001] 700.007600: syscalls:sys_exit_futex: 0x0
            wl 702 [001] 700.009000: syscalls:sys_enter_futex: uaddr: 0x00005600, \
            op: 0x00000081, val: 0x00000001, utime: 0x00000000, uaddr2: 0x00000000, \
            val3: 0x00000000
            """ + WAKE_STACK + """
            wl 702 [001] 700.009100: syscalls:sys_exit_futex: 0x0
            wl 701 [000] 700.010000: sched:sched_switch: prev_comm=wl prev_pid=701 \
            prev_prio=120 prev_state=S ==> next_comm=swapper/0 next_pid=0 next_prio=120
            """;

    @Test
    void mutexHoldsHalfAsLongSaveHalfTheWaitingBehindTheHolder() throws Exception {
        try (Ingested db = HandTraces.ingest(dir, "futex-mutex", MUTEX)) {
            List<Finding> found = findings(db, "user-lock");
            assertEquals(1, found.size());
            Finding f = found.get(0);
            assertEquals("pthread mutex", f.lock());
            assertEquals(2_550_000L, f.savedNs());
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("waits", 1L);
            figures.put("threads", 1L);
            figures.put("wait_ns", 6_600_000L);
            figures.put("max_wait_ns", 6_600_000L);
            figures.put("holder_ns", 5_100_000L);
            figures.put("holder_running_ns", 5_100_000L);
            figures.put("holder_off_cpu_ns", 0L);
            figures.put("holder_waiting_ns", 0L);
            figures.put("after_wake_ns", 1_400_000L);
            figures.put("holds", 2L);
            figures.put("hold_ns", 6_400_000L);
            figures.put("mean_hold_ns", 3_200_000L);
            figures.put("saved_ns", 2_550_000L);
            assertEquals(figures, f.figures());
            assertSays(f, "pthread mutex 0x5600 contention: 1 waits by 1 threads, 6.60 ms (the "
                            + "longest 6.60 ms), 2 holds of 3.20 ms on average",
                    List.of("1 waits on the pthread mutex 0x5600 by 1 threads, 6.60 ms in all, "
                                    + "the longest 6.60 ms",
                            "called from worker+0x10 6.60 ms",
                            "the holders waited for most (the thread whose wake ended each "
                                    + "wait): wl 701 5.10 ms",
                            "while others waited the holders ran 5.10 ms, were off CPU "
                                    + "(runnable or preempted) 0 ns and waited themselves 0 ns; "
                                    + "woken, the waiters waited 1.40 ms more for a CPU",
                            "2 holds the trace shows (from a woken waiter taking it, or the "
                                    + "first wait it ended, to its wake of the next), 3.20 ms on "
                                    + "average"),
                    "Holds 50% shorter (3.20 ms to 1.60 ms): the 5.10 ms waited behind the "
                            + "holders shrinks by as much, 2.55 ms of the 6.60 ms goes away.");
        }
    }

    @Test
    void wokenWaiterRunnableBehindTwoBusyCpusIsWakeupLatency() throws Exception {
        try (Ingested db = HandTraces.ingest(dir, "futex-mutex", MUTEX)) {
            List<Finding> found = findings(db, "wakeup-latency");
            assertEquals(1, found.size());
            Finding f = found.get(0);
            assertEquals(Map.of("waits", 1L, "waiters", 1L, "tail_ns", 1_400_000L,
                    "max_tail_ns", 1_400_000L, "cpus", 2L, "saved_ns", 1_400_000L),
                    f.figures());
            assertSays(f, "Wakeup latency: 1 lock waits by 1 threads waited 1.40 ms for a CPU "
                            + "after the lock was theirs (the longest 1.40 ms)",
                    List.of("1 waits by 1 threads were runnable or preempted, not running, "
                                    + "1.40 ms after they were woken or handed the lock, the "
                                    + "longest 1.40 ms",
                            "meanwhile the 2 CPUs ran wl 701 1.40 ms, wl 703 1.40 ms"),
                    "With a CPU free at each wake, 1.40 ms of waiting goes away (an upper "
                            + "bound: what ran instead still has to run).");
        }
    }
}
