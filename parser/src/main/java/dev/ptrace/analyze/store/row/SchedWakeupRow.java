package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code sched_wakeup}. */
@RowOf("sched_wakeup")
public record SchedWakeupRow(EventColumns event, String targetComm, int targetTid,
                             int targetPrio, int targetCpu) {
}
