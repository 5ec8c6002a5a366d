package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of {@code contention}: one row of perf lock contention's figures (its components
 * stand in the row's place), with the trace, the grouping and its rank.
 */
@RowOf("contention")
public record ContentionTableRow(int traceId, String groupedBy, int rank,
                                 ContentionRow figures) {
    public static final TableRows<ContentionTableRow> ROWS = TableRows.of(Tables.CONTENTION,
            ContentionTableRow.class, ContentionTableRowWriter::write);

    /** A trace's rows of one grouping, ranked in the result's order (longest total first). */
    public static List<ContentionTableRow> of(int traceId, PerfLockContention.Result result) {
        List<ContentionTableRow> rows = new ArrayList<>();
        for (ContentionRow r : result.rows()) {
            rows.add(new ContentionTableRow(traceId, result.by().label(), rows.size() + 1, r));
        }
        return rows;
    }
}
