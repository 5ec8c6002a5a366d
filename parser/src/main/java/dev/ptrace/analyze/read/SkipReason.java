package dev.ptrace.analyze.read;

import java.util.Locale;

/**
 * Why a reader skipped input lines; each reason is a counter of the stats table
 * ({@code skipped.<reason>}, described in stats.tsv).
 */
public enum SkipReason {
    MALFORMED_EVENT_LINE,
    MALFORMED_PAYLOAD,
    MALFORMED_CALLCHAIN_LINE,
    CALLCHAIN_LINE_WITHOUT_EVENT,
    CALLCHAIN_OF_SKIPPED_EVENT,
    STACK_TRACE_WITHOUT_EVENT,
    STACK_LINE_WITHOUT_STACK_TRACE,
    MALFORMED_STACK_LINE,
    MALFORMED_JSON_RECORD,
    LINE_TOO_LONG,
    NUMBER_TOO_LARGE,
    TRUNCATED_INPUT,
    CORRUPT_COMPRESSED_INPUT,
    TRAILING_GARBAGE,
    ANOTHER_CAPTURE,
    UNDECODED_EVENT,
    MALFORMED_RECORD;

    /** The name in the stats table and in ingest_problems.reason, e.g. malformed_event_line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
