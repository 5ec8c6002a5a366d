package dev.ptrace.analyze.event;

/**
 * {@code sched:sched_switch}: {@code prev} leaves the CPU in {@code prevState}, {@code next}
 * runs. Priorities are the kernel's (0-99 real-time, 100-139 normal, 120 is nice 0).
 */
public record SchedSwitch(EventHeader header, String prevComm, int prevPid, int prevPrio,
                          String prevState, String nextComm, int nextPid, int nextPrio)
        implements TraceEvent {
    @Override
    public void sendTo(EventHandler handler) {
        handler.schedSwitch(this);
    }
}
