package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.locks.model.Hold;
import dev.ptrace.analyze.analysis.locks.model.LockKind;
import dev.ptrace.analyze.analysis.replay.ReplayEvent;
import dev.ptrace.analyze.analysis.replay.ReplayEvent.Kind;
import dev.ptrace.analyze.analysis.threads.ThreadStateRow;
import dev.ptrace.analyze.analysis.threads.ThreadStateTracker;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replay's dispatch, fed events by hand (no database): which machine each event reaches,
 * when blame pieces end and when inferred holds are let go. Each expected piece and hold is
 * worked out in the test's comment from the lock models' rules.
 */
class ReplayTest {
    private static final LockInfo MMAP = new LockInfo(1, "0xa", "0xm", LockKind.RWSEM,
            LockInfo.MMAP_LOCK, "mmap_lock events", 100);
    private static final LockInfo MUTEX = new LockInfo(2, "0xb", null, LockKind.MUTEX, null, null,
            null);
    private static final LockInfo SPIN = new LockInfo(3, "0xc", null, LockKind.SPINLOCK, null,
            null, null);
    private static final LockInfo SPIN2 = new LockInfo(4, "0xd", null, LockKind.SPINLOCK, null,
            null, null);
    private static final LockInfo FUTEX_MUTEX = new LockInfo(5, "0x55a0", null,
            LockKind.FUTEX_LOCK, "pthread mutex", "user caller __lll_lock_wait", null);
    private static final LockInfo FUTEX_COND = new LockInfo(6, "0x55b0", null, LockKind.FUTEX,
            "pthread condvar", "user caller pthread_cond_signal", null);
    private static final String MUTEX_WORD = "0 0x55a0";
    private static final String COND_WORD = "0 0x55b0";
    /** The futex calls of the futex tests (each test reaches only its own), in time order. */
    private static final List<FutexCalls.Call> FUTEX_CALLS = List.of(
            new FutexCalls.Call(8, 10, FutexOps.Role.WAIT, MUTEX_WORD, 0L, null, 7, 41L),
            new FutexCalls.Call(7, 40, FutexOps.Role.WAKE, MUTEX_WORD, 1L, null, null, null),
            new FutexCalls.Call(8, 60, FutexOps.Role.WAKE, MUTEX_WORD, 0L, null, null, null),
            new FutexCalls.Call(9, 70, FutexOps.Role.WAIT, MUTEX_WORD, -110L, null, null, null),
            new FutexCalls.Call(18, 110, FutexOps.Role.WAIT, COND_WORD, 0L, null, 17, 130L),
            new FutexCalls.Call(17, 130, FutexOps.Role.WAKE, COND_WORD, 1L, null, null, null));
    /** lock_contention's flags: LCB_F_SPIN, LCB_F_READ, LCB_F_WRITE, LCB_F_MUTEX. */
    private static final long SPIN_FLAG = 1;
    private static final long READ = 2;
    private static final long WRITE = 4;
    private static final long MUTEX_FLAG = 32;

    private final List<BlameRow> blame = new ArrayList<>();
    private final List<String> holds = new ArrayList<>();
    private final List<WaitRow> waits = new ArrayList<>();
    private final List<ThreadStateRow> states = new ArrayList<>();
    private final Replay replay;

    ReplayTest() {
        ThreadStateTracker stateTracker = new ThreadStateTracker(1, states::add);
        WaitTracker waitTracker = new WaitTracker(1, 0, waits::add);
        BlameTracker tracker = new BlameTracker(1,
                BlameTracker.Threads.of(stateTracker, waitTracker), blame::add);
        replay = new Replay(LockRegistry.of(List.of(MMAP, MUTEX, SPIN, SPIN2, FUTEX_MUTEX,
                FUTEX_COND)), stateTracker, waitTracker, tracker, 0,
                (lock, h) -> holds.add(hold(lock, h)), FutexCalls.of(FUTEX_CALLS).cursor());
    }

    /**
     * Writer 7 holds mmap_lock exactly (its events) 10..60 and is preempted 30..50; writer 8
     * waits 20..80 and sleeps 65..70 after the release. Its wait: 7 running 20..30, preempted
     * 30..50 (the switch that takes 7 off ends the piece), running 50..60 (the switch that puts
     * 7 back on, where 7 is the next thread, ends it too); from the release on, the lock is
     * handed to 8 itself (nobody holds it, 8 is first in line): running 60..65, blocked 65..70,
     * woken: runnable 70..75, running 75..80. 8 then holds it 85..90.
     */
    @Test
    void exactHolderPreemptedAndSwitchedBackInSplitsTheWaitThenTheLockIsHandedToTheWaiter()
            throws SQLException {
        replay(acquired(10, 7, true, true), begin(20, 8, MMAP, WRITE),
                sw(30, 7, 7, "R", 9), sw(50, 7, 9, "S", 7), released(60, 7),
                sw(65, 8, 8, "D", 0), wakeup(70, 10, 8), sw(75, 8, 0, "R", 8),
                end(80, 8, MMAP, 0), acquired(85, 8, true, true), released(90, 8));
        replay.finish(100);
        assertEquals(List.of(
                "w1 8 20-30 by 7 holder running hold 1",
                "w1 8 30-50 by 7 holder preempted hold 1",
                "w1 8 50-60 by 7 holder running hold 1",
                "w1 8 60-65 by 8 handoff running in w1",
                "w1 8 65-70 by 8 handoff blocked in w1",
                "w1 8 70-75 by 8 handoff runnable in w1",
                "w1 8 75-80 by 8 handoff running in w1"), pieces());
        assertEquals(List.of("1 t7 write 10-60 (60) released exact",
                "2 t8 write 85-90 (90) released exact"), holds);
        // 8 from its first event: running, blocked, runnable (woken to CPU 1), running until
        // the trace's end
        assertEquals(List.of("running 20-65 cpu 8", "blocked 65-70 cpu 8",
                "runnable 70-75 cpu 1", "running 75-100 cpu 8"), statesOf(8));
    }

    /**
     * A failed acquire (9 at 5) takes nothing, and an mmap event of an mm no wait was on is
     * ignored. 7 holds for write from 10; writer 8 waits from 20. At 30, 7 downgrades: the
     * same blocker in a new hold, so the piece ends: 20..30 in hold 1, 30..40 in hold 2 (the
     * read hold). 7 releases at 40: handed to 8 until it runs its end at 50.
     */
    @Test
    void failedAcquireTakesNothingAndADowngradeEndsThePieceInTheWriteHold() throws SQLException {
        replay(acquired(5, 9, true, false), acquired(6, 9, "0xother"), acquired(10, 7, true, true),
                begin(20, 8, MMAP, WRITE), acquired(30, 7, false, true), released(40, 7),
                end(50, 8, MMAP, 0));
        replay.finish(60);
        assertEquals(List.of(
                "w1 8 20-30 by 7 holder running hold 1",
                "w1 8 30-40 by 7 holder running hold 2",
                "w1 8 40-50 by 8 handoff running in w1"), pieces());
        assertEquals(List.of("1 t7 write 10-30 (30) downgraded exact",
                "2 t7 read 30-40 (40) released exact"), holds);
    }

    /**
     * A mutex has no hold events: 7 takes it by its wait (11..15) inside a syscall and holds it
     * until the syscall's exit at 30, the first evidence that it let go (a mutex is held
     * across its holder's other events). 8, waiting 20..40, waits for 7 20..30, then for
     * nobody the trace shows. 8 takes it at 40 with nobody waiting and lets go at its own
     * syscall exit, 45. A wait of 6 that spins then sleeps (two begins) is one wait from its first
     * begin (50), not its second (60), to 70, with no known blocker (8 let go at 45). 6 then
     * holds it to the trace's end, 100.
     */
    @Test
    void mutexHeldByInferenceIsLetGoAtSyscallExitEvenWithNobodyWaiting() throws SQLException {
        replay(enter(10, 7, "write"), begin(11, 7, MUTEX, MUTEX_FLAG), end(15, 7, MUTEX, 0),
                begin(20, 8, MUTEX, MUTEX_FLAG), exit(30, 7), end(40, 8, MUTEX, 0), exit(45, 8),
                enter(46, 6, "read"), exit(47, 6),
                begin(50, 6, MUTEX, MUTEX_FLAG | SPIN_FLAG), begin(60, 6, MUTEX, MUTEX_FLAG),
                end(70, 6, MUTEX, 0));
        replay.finish(100);
        assertEquals(List.of(
                "w1 7 11-15 by - unknown - ",
                "w2 8 20-30 by 7 holder running hold 1",
                "w2 8 30-40 by - unknown - ",
                "w3 6 50-70 by - unknown - "), pieces());
        assertEquals(List.of("1 t7 exclusive 15-30 (30) syscall exit",
                "2 t8 exclusive 40-45 (45) syscall exit",
                "3 t6 exclusive 70-100 (100) trace end"), holds);
        // 7 waited inside its write; 6's read had returned before its wait
        assertEquals(Arrays.asList("write", null, null),
                waits.stream().map(WaitRow::syscall).toList());
    }

    /**
     * A wait that gives up (ret -4, a signal) takes nothing: 7 holds the mutex from 15 to its
     * syscall exit at 40, 8 waits 20..25 and gives up, 6 waits 30..50 and takes it at 50. Had
     * 8 taken it at 25, 7's hold would have ended there (handed over) and 6 would have waited
     * for 8, not 7.
     */
    @Test
    void waitThatGivesUpTakesNothing() throws SQLException {
        replay(enter(10, 7, "write"), begin(11, 7, MUTEX, MUTEX_FLAG), end(15, 7, MUTEX, 0),
                begin(20, 8, MUTEX, MUTEX_FLAG), end(25, 8, MUTEX, -4),
                begin(30, 6, MUTEX, MUTEX_FLAG), exit(40, 7), end(50, 6, MUTEX, 0));
        replay.finish(60);
        assertEquals(List.of(
                "w1 7 11-15 by - unknown - ",
                "w2 8 20-25 by 7 holder running hold 1",
                "w3 6 30-40 by 7 holder running hold 1",
                "w3 6 40-50 by - unknown - "), pieces());
        assertEquals(List.of("1 t7 exclusive 15-40 (40) syscall exit",
                "2 t6 exclusive 50-60 (60) trace end"), holds);
    }

    /**
     * A blocker's change at the very instant a wait begins ends no piece: 7 holds the mutex
     * (from 2) and is switched out asleep at 10, as 8 begins to wait at 10. 8's wait: 7
     * sleeping 10..15, running 15..20 (its syscall exit lets the lock go), nobody known
     * 20..25; no piece of no time at 10.
     */
    @Test
    void aPieceOfNoTimeIsNotWritten() throws SQLException {
        replay(begin(1, 7, MUTEX, MUTEX_FLAG), end(2, 7, MUTEX, 0),
                begin(10, 8, MUTEX, MUTEX_FLAG), sw(10, 7, 7, "S", 0), sw(15, 7, 0, "R", 7),
                exit(20, 7), end(25, 8, MUTEX, 0));
        replay.finish(30);
        assertEquals(List.of(
                "w1 7 1-2 by - unknown - ",
                "w2 8 10-15 by 7 holder sleeping hold 1",
                "w2 8 15-20 by 7 holder running hold 1",
                "w2 8 20-25 by - unknown - "), pieces());
    }

    /**
     * Spinlock 0xc: 7 waits 10..12 (nobody known ahead), 8 from 11 behind 7 (queued ahead, 7
     * in its wait 1). 7 takes it at 12 (8 still queued, so its end will be seen) and 8 waits
     * for 7 holding. 7's wakeup of 9 at 14 and its nested wait on 0xd from 16 do not end a
     * spinlock hold (both happen with one held); the nested wait changes what 7 is doing, so
     * 8's piece ends at 16. 7 is switched out at 20: a spinning lock is not held across a
     * switch, the hold ends, 8 waits for nobody known until it takes it at 25. 8, with nobody
     * waiting, holds it unseen: its end is its begin (25), at the latest its next event at 27.
     * 7's nested wait is still open at the end of the trace (30).
     */
    @Test
    void spinlockHoldSurvivesAWakeupAndANestedWaitButNotASwitch() throws SQLException {
        replay(begin(10, 7, SPIN, SPIN_FLAG), begin(11, 8, SPIN, SPIN_FLAG), end(12, 7, SPIN, 0),
                wakeup(14, 7, 9), begin(16, 7, SPIN2, SPIN_FLAG), sw(20, 7, 7, "R", 9),
                end(25, 8, SPIN, 0), wakeup(26, 8, 7), enter(27, 8, "read"));
        replay.finish(30);
        assertEquals(List.of(
                "w1 7 10-12 by - unknown - ",
                "w2 8 11-12 by 7 queued ahead running in w1",
                "w2 8 12-16 by 7 holder running hold 1",
                "w2 8 16-20 by 7 holder running in w3 hold 1",
                "w2 8 20-25 by - unknown - ",
                "w3 7 16-30 by - unknown - "), pieces());
        assertEquals(List.of("1 t7 exclusive 12-20 (20) switched out",
                "2 t8 exclusive 25-25 (27) next event"), holds);
    }

    /**
     * An end on an address no wait began on is ignored. An end with no begin, of a thread never
     * seen, is a wait cut by the trace's start: nobody is blamed for it (the replay never saw
     * it begin) and the mutex's model, which never saw 5 queue, knows no hold of 5. A second
     * end of 5 without a begin has lost its begin and is no wait at all. So 6, waiting 12..30,
     * waits for nobody the trace shows, then holds the lock until the trace ends at 40.
     */
    @Test
    void endsWithoutBeginBlameNobodyAndMakeNoHold() throws SQLException {
        replay(end(5, 9, new LockInfo(9, "0xnone", null, LockKind.MUTEX, null, null, null), 0),
                end(10, 5, MUTEX, 0), end(11, 5, MUTEX, 0), begin(12, 6, MUTEX, MUTEX_FLAG),
                exit(20, 5), end(30, 6, MUTEX, 0));
        replay.finish(40);
        assertEquals(List.of("w2 6 12-30 by - unknown - "), pieces());
        assertEquals(List.of("1 t6 exclusive 30-40 (40) trace end"), holds);
    }

    /**
     * A pthread mutex (futex calls): 8 sleeps in futex from 10; its waker, known ahead, is 7,
     * which held the mutex from then (the trace never showed it taking it) until its wake call
     * at 40 (7's state is unknown until that first event of its; 8's own switch at 11 does not
     * split a piece blamed on 7); 7's sched_waking of 8 at 41 ends 8's wait for 7, then 8 waits
     * for a CPU, runnable, until it runs at 48 and exits at 50, takes the mutex and holds it
     * until its own wake call at 60. A futex call the
     * calls do not list (4 at 5) and a futex exit without a wait (7's at 45) change nothing;
     * 9's wait from 70 timed out at 80 (-ETIMEDOUT): no waker, nothing taken.
     */
    @Test
    void futexMutexWaitIsBlamedOnItsWakerUntilTheWakeThenHandedOverAndHeldToTheNextWake()
            throws SQLException {
        replay(enter(5, 4, "futex"), exit(6, 4), enter(10, 8, "futex"), sw(11, 8, 8, "S", 0),
                enter(40, 7, "futex"), wakeup(41, 7, 8), exit(45, 7), sw(48, 8, 0, "R", 8),
                exit(50, 8), enter(60, 8, "futex"), exit(61, 8), enter(70, 9, "futex"),
                exit(80, 9));
        replay.finish(100);
        assertEquals(List.of(
                "w1 8 10-40 by 7 holder unknown hold 1",
                "w1 8 40-41 by 7 holder running",
                "w1 8 41-48 by 8 handoff runnable in w1",
                "w1 8 48-50 by 8 handoff running in w1",
                "w2 9 70-80 by - unknown - "), pieces());
        assertEquals(List.of("1 t7 exclusive 10-40 (40) futex wake",
                "2 t8 exclusive 50-60 (60) futex wake"), holds);
        assertEquals(List.of("8 futex exclusive true 0 futex", "9 futex exclusive false -110 futex"),
                waits.stream().map(w -> w.tid() + " " + w.lockType() + " " + w.mode() + " "
                        + w.acquired() + " " + w.ret() + " " + w.syscall()).toList());
    }

    /**
     * A condition variable without sched_waking in the trace: 18 waits from 110 until 17, its
     * waker (unseen until then), signals with a wake call at 130 (the wake the calls give for
     * it), then for a CPU until 135. Nobody holds the word; the wait has no mode.
     */
    @Test
    void futexEventWaitIsBlamedOnItsWakerAndTheWakeCallEndsItWithoutSchedWaking()
            throws SQLException {
        replay(enter(110, 18, "futex"), enter(130, 17, "futex"), exit(131, 17), exit(135, 18));
        replay.finish(140);
        assertEquals(List.of(
                "w1 18 110-130 by 17 waker unknown",
                "w1 18 130-135 by 18 handoff running in w1"), pieces());
        assertEquals(List.of(), holds);
        assertEquals(Arrays.asList((String) null),
                waits.stream().map(WaitRow::mode).toList());
    }

    /** {@code tid}'s scheduling states, in order. */
    private List<String> statesOf(int tid) {
        return states.stream().filter(s -> s.tid() == tid)
                .sorted(Comparator.comparingLong(ThreadStateRow::beginTs))
                .map(s -> s.state() + " " + s.beginTs() + "-" + s.endTs() + " cpu " + s.cpu())
                .toList();
    }

    private void replay(ReplayEvent... events) throws SQLException {
        for (ReplayEvent e : events) {
            replay.accept(e);
        }
    }

    /** The pieces in wait and time order, each with what it was blamed on. */
    private List<String> pieces() {
        return blame.stream().sorted(Comparator.comparingLong(BlameRow::waitId)
                        .thenComparingLong(BlameRow::beginTs))
                .map(p -> "w" + p.waitId() + " " + p.waiterTid() + " " + p.beginTs() + "-"
                        + p.endTs() + " by " + (p.blockerTid() == null ? "-" : p.blockerTid())
                        + " " + p.relation() + " " + (p.blockerState() == null ? "- "
                        : p.blockerState()) + (p.blockerWaitId() == null ? ""
                        : " in w" + p.blockerWaitId()) + (p.holdId() == null ? ""
                        : " hold " + p.holdId()) + (p.share() == 1 ? "" : " /" + p.share()))
                .toList();
    }

    private static String hold(LockInfo lock, Hold h) {
        return h.id() + " t" + h.tid() + " " + (h.mode() == null ? "?" : h.mode().label) + " "
                + h.begin() + "-" + h.end() + " (" + h.endBy() + ") " + h.endEvidence()
                + (h.exact() ? " exact" : "") + (h.cutStart() ? " cut" : "");
    }

    /** An event of thread {@code tid}, on CPU {@code tid}: each thread has its own. */
    private static ReplayEvent event(Kind kind, long ts, int tid, String text, Integer other,
                                     String addr, Long num, Boolean write, Boolean success) {
        return new ReplayEvent(kind, ts, tid, tid, "t" + tid, 120, text, other,
                other == null ? null : "t" + other, other == null ? null : 120, addr, num, write,
                success, null);
    }

    /** sched_switch on {@code cpu}: prev leaves in {@code state}, next runs there. */
    private static ReplayEvent sw(long ts, int cpu, int prev, String state, int next) {
        return new ReplayEvent(Kind.SWITCH, ts, cpu, prev, "t" + prev, 120, state, next,
                "t" + next, 120, null, null, null, null, null);
    }

    private static ReplayEvent wakeup(long ts, int waker, int target) {
        return event(Kind.WAKEUP, ts, waker, null, target, null, 1L, null, null);
    }

    private static ReplayEvent begin(long ts, int tid, LockInfo lock, long flags) {
        return event(Kind.CONTENTION_BEGIN, ts, tid, null, null, lock.addr(), flags, null, null);
    }

    private static ReplayEvent end(long ts, int tid, LockInfo lock, long ret) {
        return event(Kind.CONTENTION_END, ts, tid, null, null, lock.addr(), ret, null, null);
    }

    private static ReplayEvent acquired(long ts, int tid, boolean write, boolean success) {
        return event(Kind.MMAP_ACQUIRED, ts, tid, null, null, MMAP.mm(), null, write, success);
    }

    private static ReplayEvent acquired(long ts, int tid, String mm) {
        return event(Kind.MMAP_ACQUIRED, ts, tid, null, null, mm, null, true, true);
    }

    private static ReplayEvent released(long ts, int tid) {
        return event(Kind.MMAP_RELEASED, ts, tid, null, null, MMAP.mm(), null, null, null);
    }

    private static ReplayEvent enter(long ts, int tid, String syscall) {
        return event(Kind.SYSCALL_ENTER, ts, tid, syscall, null, null, null, null, null);
    }

    private static ReplayEvent exit(long ts, int tid) {
        return event(Kind.SYSCALL_EXIT, ts, tid, null, null, null, null, null, null);
    }
}
