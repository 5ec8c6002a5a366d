package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import java.util.ArrayList;
import java.util.List;

/** A row of {@code attribution}: one cell of where the waiting went (its components), ranked. */
@RowOf("attribution")
public record AttributionRow(int traceId, int rank, Attribution.Cell cell) {
    public static final TableRows<AttributionRow> ROWS = TableRows.of(Tables.ATTRIBUTION,
            AttributionRow.class, AttributionRowWriter::write);

    /** A trace's cells in their order (the most waiting first). */
    public static List<AttributionRow> of(int traceId, List<Attribution.Cell> cells) {
        List<AttributionRow> rows = new ArrayList<>();
        for (Attribution.Cell c : cells) {
            rows.add(new AttributionRow(traceId, rows.size() + 1, c));
        }
        return rows;
    }
}
