package dev.ptrace.analyze.event;

/** {@code sched_waking}, {@code sched_wakeup} and {@code sched_wakeup_new}: who is woken where. */
public record SchedWakeup(EventHeader header, String comm, int pid, int prio, int targetCpu)
        implements TraceEvent {
    @Override
    public void sendTo(EventHandler handler) {
        handler.schedWakeup(this);
    }
}
