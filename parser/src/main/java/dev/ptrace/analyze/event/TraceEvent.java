package dev.ptrace.analyze.event;

/** One event of a trace, as a typed immutable value; it knows which sink method takes it. */
public sealed interface TraceEvent extends SinkItem
        permits SchedSwitch, SchedWakeup, LockContention, MmapLockEvent, SyscallEvent, Sample,
        OtherEvent {
    EventHeader header();
}
