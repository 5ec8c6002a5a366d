package dev.ptrace.analyze.event;

/** One event of a trace, as a typed immutable value; it knows which sink method takes it. */
public sealed interface TraceEvent
        permits SchedSwitch, SchedWakeup, LockContention, MmapLockEvent, SyscallEvent, Sample,
        OtherEvent {
    EventHeader header();

    void sendTo(EventSink sink);
}
