package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;

/** A row of {@code trace_metadata}: one fact the input states about itself. */
@RowOf("trace_metadata")
public record TraceMetadataRow(int traceId, String key, String value) {
    public static final TableRows<TraceMetadataRow> ROWS =
            TableRows.of(Tables.TRACE_METADATA, TraceMetadataRow.class,
            TraceMetadataRowWriter::write);
}
