package dev.ptrace.analyze.analysis.chains;

import java.util.List;

/**
 * A wait in a chain: who waited for what, for how long, for whom, and the waits that in turn
 * waited for this one's thread.
 *
 * @param blockedBy the thread it waited for most of the time
 * @param relation  holder, queued ahead, handoff
 * @param rootNs    its waiting traced to the chain's root
 * @param rootOffCpuNs the part of rootNs while the root was off CPU
 */
public record ChainWait(long waitId, int tid, String comm, Integer prio, String lockName,
                        String lockAddr, String mode, String syscall, long begin, long end,
                        long durationNs, Integer blockedBy, String relation, long rootNs,
                        long rootOffCpuNs, List<ChainWait> children) {
}
