package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;

/** A row of {@code ingest_problems}: one skipped line, with what was expected. */
@RowOf("ingest_problems")
public record IngestProblemRow(int traceId, long line, String reason, String message,
                               String text) {
    public static final TableRows<IngestProblemRow> ROWS =
            TableRows.of(Tables.INGEST_PROBLEMS, IngestProblemRow.class,
            IngestProblemRowWriter::write);
}
