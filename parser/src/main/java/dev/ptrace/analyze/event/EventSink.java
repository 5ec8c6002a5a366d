package dev.ptrace.analyze.event;

import java.util.List;

/**
 * Where readers put what they read: events and other items alike, in input order, plus stacks
 * and metadata. A sink passes them on (a queue, a filter) or hands each to an
 * {@link EventHandler} with {@link SinkItem#sendTo}.
 */
public interface EventSink {
    void item(SinkItem item);

    /** A call stack seen for the first time; events refer to it by id. Frames are leaf first. */
    void stack(long stackId, List<Frame> frames);

    /** A key/value fact about the whole trace, e.g. {@code os release} from perf's header. */
    void metadata(String key, String value);
}
