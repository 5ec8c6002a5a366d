package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import java.time.Instant;

/** A row of {@code traces}: where one ingested trace came from and what was in it. */
@RowOf("traces")
public record TraceRow(int traceId, String source, String format, Instant ingestedAt,
                       String toolVersion, String osRelease, String hostname, Integer nrcpus,
                       String cmdline, Long firstTs, Long lastTs, Long tsPrecisionNs,
                       long lines, long events, long stacks, long skippedLines,
                       Long lostEvents, Instant capturedAt, String contentHash) {
    public static final TableRows<TraceRow> ROWS = TableRows.of(Tables.TRACES, TraceRow.class);
}
