package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;

/** A row of {@code findings}: a finding of one trace at its rank by predicted saving. */
@RowOf("findings")
public record FindingRow(int traceId, int rank, String scenario, String title, long savedNs,
                         String lock, String recommendation, String query) {
    public static final TableRows<FindingRow> ROWS =
            TableRows.of(Tables.FINDINGS, FindingRow.class,
            FindingRowWriter::write);

    public static FindingRow of(int traceId, int rank, Finding f) {
        return new FindingRow(traceId, rank, f.scenario(), f.title(), f.savedNs(), f.lock(),
                f.recommendations().isEmpty() ? null : f.recommendations().get(0), f.query());
    }
}
