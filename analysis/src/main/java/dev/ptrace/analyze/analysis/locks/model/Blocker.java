package dev.ptrace.analyze.analysis.locks.model;

/**
 * A thread a waiter waits for: a holder of the lock, a thread queued ahead of it whose turn
 * comes first (a writer that readers arriving after it must let go first), or the waiter
 * itself when the lock is free and handed to it: it waits to be woken and get a CPU, or the
 * thread that woke it from a wait for an event (a futex nobody holds: a condition variable).
 */
public record Blocker(int tid, Relation relation) {
    public enum Relation {
        HOLDER("holder"), QUEUED_AHEAD("queued ahead"), HANDOFF("handoff"), WAKER("waker");

        public final String label;

        Relation(String label) {
            this.label = label;
        }

        /** The relation a label (blame.relation) stands for, or null for none. */
        public static Relation of(String label) {
            for (Relation r : values()) {
                if (r.label.equals(label)) {
                    return r;
                }
            }
            return null;
        }
    }
}
