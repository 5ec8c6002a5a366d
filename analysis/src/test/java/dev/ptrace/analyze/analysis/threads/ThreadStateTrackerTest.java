package dev.ptrace.analyze.analysis.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadStateTrackerTest {
    private final List<ThreadStateRow> out = new ArrayList<>();
    private final ThreadStateTracker t = new ThreadStateTracker(1, out::add);

    private static String summary(ThreadStateRow s) {
        return s.tid() + " " + s.state() + " " + s.beginTs() + "-" + s.endTs() + " cpu" + s.cpu()
                + " prio" + s.prio() + (s.beginExact() ? "" : " ~begin") + (s.endExact() ? "" : " ~end");
    }

    private List<String> rows() {
        return out.stream().map(ThreadStateTrackerTest::summary).toList();
    }

    @Test
    void preemptedThenSwitchedBackInGivesRunningPreemptedRunning() throws SQLException {
        t.onSwitch(10, 0, 7, "hog", 120, "R", 5, "low", 139);
        t.onSwitch(20, 0, 5, "low", 139, "R+", 7, "hog", 120);
        t.onSwitch(50, 0, 7, "hog", 120, "R", 5, "low", 139);
        t.finishAll(60);
        assertEquals(List.of("5 running 10-20 cpu0 prio139", "7 preempted 10-20 cpu0 prio120",
                "5 preempted 20-50 cpu0 prio139", "7 running 20-50 cpu0 prio120",
                "5 running 50-60 cpu0 prio139 ~end", "7 preempted 50-60 cpu0 prio120 ~end")
                .stream().sorted().toList(), rows().stream().sorted().toList());
    }

    @Test
    void wakeupEndsASleepAndStartsWaitingForACpu() throws SQLException {
        t.onSwitch(10, 1, 5, "w", 120, "S", 0, "swapper/1", 120);
        t.onWakeup(30, 5, "w", 120, 1);
        t.onSwitch(35, 1, 0, "swapper/1", 120, "R", 5, "w", 120);
        assertEquals(List.of("5 sleeping 10-30 cpu1 prio120", "5 runnable 30-35 cpu1 prio120"),
                rows());
    }

    @Test
    void ownEventAfterSwitchOutMeansTheSwitchInWasNotRecorded() throws SQLException {
        t.onSwitch(10, 0, 5, "w", 120, "D", 99, "other", 120);
        t.onOwnEvent(40, 5, "w", 1);
        assertEquals(List.of("5 blocked 10-40 cpu0 prio120 ~end"), rows());
    }

    @Test
    void threadSeenOnACpuEndsTheRunningIntervalOfTheThreadBeforeIt() throws SQLException {
        t.onSwitch(10, 0, 5, "w", 120, "S", 99, "kworker", 120);
        t.onOwnEvent(40, 6, "w2", 0);
        t.finishAll(50);
        assertEquals(List.of("5 sleeping 10-50 cpu0 prio120 ~end",
                "6 running 40-50 cpu0 prionull ~begin ~end", "99 running 10-40 cpu0 prio120 ~end"),
                rows().stream().sorted().toList());
    }

    @Test
    void threadsNeverSeenActingThemselvesLoseTheirLastIntervalAtTheEnd() throws SQLException {
        t.onWakeup(10, 77, "kcompactd0", 120, 0);
        t.finishAll(100);
        assertEquals(List.of(), rows());
    }

    @Test
    void ownEventsOfARunningThreadOnItsCpuContinueOneIntervalAndOnAnotherCpuStartANewOne()
            throws SQLException {
        t.onSwitch(10, 0, 0, "swapper/0", 120, "R", 5, "w", 120);
        t.onOwnEvent(20, 5, "w", 0);
        t.onOwnEvent(25, 5, "w", null); // a bpftrace line without its CPU: nothing learned
        t.onOwnEvent(30, 5, "w", 1); // migrated without a recorded switch
        t.finishAll(40);
        assertEquals(List.of("5 running 10-30 cpu0 prio120 ~end",
                "5 running 30-40 cpu1 prio120 ~begin ~end"), rows());
        assertEquals(List.of(20L, 10L), out.stream().map(ThreadStateRow::durationNs).toList());
    }

    @Test
    void aWakeupOfARunningOrRunnableThreadChangesNothingAndOfAnUnknownStateEndsIt()
            throws SQLException {
        t.onSwitch(10, 0, 0, "swapper/0", 120, "R", 5, "w", 120);
        t.onWakeup(15, 5, "w", 120, 0); // already running
        t.onSwitch(20, 0, 5, "w", 120, "X", 6, "v", 120); // out in a state of no class
        t.onWakeup(25, 5, "w", 120, 1);
        t.onWakeup(27, 5, "w", 120, 1); // already runnable
        t.onSwitch(30, 1, 0, "swapper/1", 120, "R", 5, "w", 120);
        assertEquals(List.of("5 running 10-20 cpu0 prio120", "5 other 20-25 cpu0 prio120",
                "5 runnable 25-30 cpu1 prio120"), rows().stream().filter(r -> r.startsWith("5"))
                .toList());
    }

    @Test
    void intervalsOfNoLengthAreNotWritten() throws SQLException {
        t.onSwitch(10, 0, 0, "swapper/0", 120, "R", 5, "w", 120);
        t.onSwitch(10, 0, 5, "w", 120, "S", 0, "swapper/0", 120); // out the instant it came in
        t.onSwitch(20, 1, 0, "swapper/1", 120, "R", 6, "v", 120);
        t.finishAll(20); // 6 began running at the end of the trace
        assertEquals(List.of("5 sleeping 10-20 cpu0 prio120 ~end"), rows());
    }

    @Test
    void theEndOfTheTraceClosesEveryIntervalOnce() throws SQLException {
        t.onSwitch(10, 0, 0, "swapper/0", 120, "R", 5, "w", 120);
        t.onOwnEvent(15, 5, "w", 0);
        t.finishAll(20);
        t.finishAll(30);
        assertEquals(List.of("5 running 10-20 cpu0 prio120 ~end"), rows());
    }
}
