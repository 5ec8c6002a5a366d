package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;

/** A row of {@code finding_figures}: one named number of the finding at {@code rank}. */
@RowOf("finding_figures")
public record FindingFigureRow(int traceId, int rank, String name, long value) {
    public static final TableRows<FindingFigureRow> ROWS =
            TableRows.of(Tables.FINDING_FIGURES, FindingFigureRow.class,
            FindingFigureRowWriter::write);
}
