package dev.ptrace.analyze.analysis.chains;

/**
 * Part of a wait traced through the chain to the thread at its end (the root: not waiting
 * itself), with the root's state then. weight: the part of the time that counts for this root
 * when several blockers shared it (readers holding together).
 */
record RootTime(Integer root, String rootState, long lockId, long begin, long end,
                double weight) {
    double weightedNs() {
        return (end - begin) * weight;
    }

    boolean rootOffCpu() {
        return rootState != null && !rootState.equals("running") && !rootState.equals("unknown");
    }
}
