package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import java.util.ArrayList;
import java.util.List;

/** A row of {@code chain_members}: one wait of a chain, with the wait it waited behind. */
@RowOf("chain_members")
public record ChainMemberRow(int traceId, int chainId, long waitId, Long parentWaitId,
                             int depth, int tid, String comm, Integer prio, String lockName,
                             String mode, String syscall, long beginTs, long endTs,
                             long durationNs, Integer blockedBy, String relation, long rootNs,
                             long rootOffCpuNs) {
    public static final TableRows<ChainMemberRow> ROWS =
            TableRows.of(Tables.CHAIN_MEMBERS, ChainMemberRow.class,
            ChainMemberRowWriter::write);

    /** Every wait of chain {@code c}, parents before their children. */
    public static List<ChainMemberRow> of(int traceId, int chainId, Chain c) {
        List<ChainMemberRow> rows = new ArrayList<>();
        add(rows, traceId, chainId, null, 1, c.waits());
        return rows;
    }

    private static void add(List<ChainMemberRow> rows, int traceId, int chainId, Long parent,
                            int depth, List<ChainWait> waits) {
        for (ChainWait w : waits) {
            rows.add(new ChainMemberRow(traceId, chainId, w.waitId(), parent, depth, w.tid(),
                    w.comm(), w.prio(), w.lockName() != null ? w.lockName() : w.lockAddr(),
                    w.mode(), w.syscall(), w.begin(), w.end(), w.durationNs(), w.blockedBy(),
                    w.relation(), w.rootNs(), w.rootOffCpuNs()));
            add(rows, traceId, chainId, w.waitId(), depth + 1, w.children());
        }
    }
}
