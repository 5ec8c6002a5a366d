package dev.ptrace.analyze.event;

/**
 * A sink that treats every item alike (a queue, a collector): it implements
 * {@link #item(SinkItem)} and gets the typed methods for free.
 */
public interface UniformEventSink extends EventSink {
    void item(SinkItem item);

    @Override
    default void mapEntry(MapEntry e) {
        item(e);
    }

    @Override
    default void histogramBucket(HistogramBucket b) {
        item(b);
    }

    @Override
    default void textLine(TextLine t) {
        item(t);
    }

    @Override
    default void schedSwitch(SchedSwitch e) {
        item(e);
    }

    @Override
    default void schedWakeup(SchedWakeup e) {
        item(e);
    }

    @Override
    default void lockContention(LockContention e) {
        item(e);
    }

    @Override
    default void mmapLock(MmapLockEvent e) {
        item(e);
    }

    @Override
    default void syscall(SyscallEvent e) {
        item(e);
    }

    @Override
    default void sample(Sample e) {
        item(e);
    }

    @Override
    default void other(OtherEvent e) {
        item(e);
    }
}
