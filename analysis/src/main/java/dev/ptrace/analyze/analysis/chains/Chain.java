package dev.ptrace.analyze.analysis.chains;

import java.util.List;
import java.util.Map;

/**
 * Waits that all come down to one thread (the root) over one stretch of time: the root held
 * the lock, or was handed it, while the others waited for it directly or through other
 * waiters.
 *
 * @param rootStates what the root did over the chain's time: state to ns
 * @param waitNs     the waiting traced to the root, all waiters together
 * @param waits      the waits blocked by the root directly, each with the waits behind it
 */
public record Chain(int tid, String comm, Integer prio, Integer cpu, long lockId,
                    String lockName, String lockAddr, long begin, long end,
                    Map<String, Long> rootStates, long waitNs, long rootOffCpuNs, int waiters,
                    List<ChainWait> waits) {
}
