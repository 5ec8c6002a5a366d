package dev.ptrace.analyze.analysis.chains;

/** A row of blame: part of a wait spent waiting for one blocker (null: unknown). */
record BlamePiece(long waitId, Integer blocker, String relation, String state,
                  Long blockerWaitId, long lockId, long begin, long end, int share) {
}
