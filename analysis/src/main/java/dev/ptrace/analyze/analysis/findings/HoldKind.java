package dev.ptrace.analyze.analysis.findings;

import java.util.Locale;

/**
 * What a long mmap_lock hold did, as far as the long-hold what-ifs care: work over a range
 * (an unmap, a populate, an madvise) can be done in pieces; other holds cannot.
 */
enum HoldKind {
    MUNMAP, POPULATE, MADVISE, OTHER, UNKNOWN;

    /** Whether the hold worked through a range of memory, so it can be done in pieces. */
    boolean ranged() {
        return this == MUNMAP || this == POPULATE || this == MADVISE;
    }

    /** The kind a hold outside any syscall has, from its cause (causes.tsv), null: unknown. */
    static HoldKind ofCause(String cause) {
        return cause == null ? UNKNOWN : switch (cause) {
            case "populate", "zeroing" -> POPULATE;
            case "unmap", "munmap" -> MUNMAP;
            case "madvise" -> MADVISE;
            default -> UNKNOWN;
        };
    }

    /** Its name in findings.tsv's keys (recommendation-munmap). */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
