package dev.ptrace.analyze.event;

import java.util.List;

/** Where readers put what they read. One method per event type, plus stacks and metadata. */
public interface EventSink {
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
