package dev.ptrace.analyze.analysis.chains;

import java.util.List;
import java.util.stream.Collectors;

/** Chains as one line of text each, for tests to compare with what they work out by hand. */
final class ChainText {
    private ChainText() {
    }

    /** The chain's root, lock, span, the root's states, its waiting and waiters. */
    static String head(Chain c) {
        return c.tid() + " " + c.comm() + " prio " + c.prio() + " cpu " + c.cpu() + " lock "
                + c.lockId() + " " + c.lockName() + " " + c.lockAddr() + " " + c.begin() + "-"
                + c.end() + " " + c.rootStates() + " " + c.waitNs() + " ns (" + c.rootOffCpuNs()
                + " off cpu) " + c.waiters() + " waits";
    }

    /** Each wait of the tree: who it waited for most and its time to the root, then its own. */
    static String tree(List<ChainWait> waits) {
        return waits.stream().map(w -> "w" + w.waitId() + " " + w.comm() + " by " + w.blockedBy()
                + " " + w.relation() + " (" + w.rootNs() + " ns) " + tree(w.children()))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
