package dev.ptrace.analyze.analysis.chains;

import java.util.List;

/**
 * A priority inversion: threads of better priority (lower number) than a chain's root waited
 * for it while it was off CPU.
 *
 * @param lostNs     the waiting of the better-priority waiters traced to the root while the
 *                   root was off CPU (preempted, waiting for a CPU, sleeping)
 * @param preemptors the threads that ran on the root's CPU while it was preempted
 */
public record Inversion(Chain chain, long lostNs, List<Victim> victims,
                        List<Preemptor> preemptors) {

    /** A waiter of better priority than the root, and what it lost. */
    public record Victim(int tid, String comm, Integer prio, long waitNs, long lostNs) {
    }

    /** A thread that had the root's CPU while the root waited for it. */
    public record Preemptor(int tid, String comm, Integer prio, long ranNs) {
    }
}
