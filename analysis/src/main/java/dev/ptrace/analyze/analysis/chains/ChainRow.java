package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A row of {@code chains}: one wait chain of a trace, at its rank by waiting. */
@RowOf("chains")
public record ChainRow(int traceId, int chainId, int rootTid, String rootComm, Integer rootPrio,
                       Integer rootCpu, long lockId, String lockName, long beginTs, long endTs,
                       long durationNs, long waitNs, long rootOffCpuNs, int waits, int threads,
                       int depth) {
    public static final TableRows<ChainRow> ROWS = TableRows.of(Tables.CHAINS, ChainRow.class,
            ChainRowWriter::write);

    public static ChainRow of(int traceId, int chainId, Chain c) {
        Set<Integer> threads = new HashSet<>();
        threads.add(c.tid());
        int depth = walk(c.waits(), 1, threads);
        return new ChainRow(traceId, chainId, c.tid(), c.comm(), c.prio(), c.cpu(), c.lockId(),
                c.lockName() != null ? c.lockName() : c.lockAddr(), c.begin(), c.end(),
                c.end() - c.begin(), c.waitNs(), c.rootOffCpuNs(), c.waiters(), threads.size(),
                depth);
    }

    /** The deepest level under {@code waits} (at {@code level}), with their threads added. */
    private static int walk(List<ChainWait> waits, int level, Set<Integer> threads) {
        int deepest = waits.isEmpty() ? level - 1 : level;
        for (ChainWait w : waits) {
            threads.add(w.tid());
            deepest = Math.max(deepest, walk(w.children(), level + 1, threads));
        }
        return deepest;
    }
}
