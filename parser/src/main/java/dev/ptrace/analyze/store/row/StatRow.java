package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;

/** A row of {@code stats}: a named counter of one ingest, described by stats.tsv. */
@RowOf("stats")
public record StatRow(int traceId, String name, long value, String description) {
    public static final TableRows<StatRow> ROWS = TableRows.of(Tables.STATS, StatRow.class,
            StatRowWriter::write);
}
