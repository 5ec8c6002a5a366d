package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code sched_switch}. */
@RowOf("sched_switch")
public record SchedSwitchRow(EventColumns event, String prevComm, int prevPid, int prevPrio,
                             String prevState, String nextComm, int nextPid, int nextPrio) {
}
