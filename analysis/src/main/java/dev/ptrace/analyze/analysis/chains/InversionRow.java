package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;

/** A row of {@code inversions}: one priority inversion of a trace. */
@RowOf("inversions")
public record InversionRow(int traceId, int rootTid, String rootComm, Integer rootPrio,
                           long lockId, String lockName, long beginTs, long endTs, long lostNs,
                           int victims) {
    public static final TableRows<InversionRow> ROWS =
            TableRows.of(Tables.INVERSIONS, InversionRow.class,
            InversionRowWriter::write);

    public static InversionRow of(int traceId, Inversion i) {
        Chain c = i.chain();
        return new InversionRow(traceId, c.tid(), c.comm(), c.prio(), c.lockId(),
                c.lockName() != null ? c.lockName() : c.lockAddr(), c.begin(), c.end(),
                i.lostNs(), i.victims().size());
    }
}
