package dev.ptrace.analyze.event;

/**
 * A sink that treats every event type alike (a queue, a collector): it implements
 * {@link #event(TraceEvent)} and gets the typed methods for free.
 */
public interface UniformEventSink extends EventSink {
    void event(TraceEvent e);

    @Override
    default void schedSwitch(SchedSwitch e) {
        event(e);
    }

    @Override
    default void schedWakeup(SchedWakeup e) {
        event(e);
    }

    @Override
    default void lockContention(LockContention e) {
        event(e);
    }

    @Override
    default void mmapLock(MmapLockEvent e) {
        event(e);
    }

    @Override
    default void syscall(SyscallEvent e) {
        event(e);
    }

    @Override
    default void sample(Sample e) {
        event(e);
    }

    @Override
    default void other(OtherEvent e) {
        event(e);
    }
}
