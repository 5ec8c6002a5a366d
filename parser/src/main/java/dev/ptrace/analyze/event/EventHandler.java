package dev.ptrace.analyze.event;

import java.util.List;

/**
 * A consumer that treats each kind of item its own way (the database sink, the replay's log):
 * {@link SinkItem#sendTo} calls the method for the item's kind.
 */
public interface EventHandler {
    void schedSwitch(SchedSwitch e);

    void schedWakeup(SchedWakeup e);

    void lockContention(LockContention e);

    void mmapLock(MmapLockEvent e);

    void syscall(SyscallEvent e);

    void sample(Sample e);

    void other(OtherEvent e);

    void mapEntry(MapEntry e);

    void histogramBucket(HistogramBucket b);

    void textLine(TextLine t);

    /** A call stack seen for the first time; events refer to it by id. Frames are leaf first. */
    void stack(long stackId, List<Frame> frames);

    /** A key/value fact about the whole trace, e.g. {@code os release} from perf's header. */
    void metadata(String key, String value);
}
