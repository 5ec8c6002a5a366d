package dev.ptrace.analyze.store;

import dev.ptrace.analyze.event.EventHandler;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.SinkItem;
import java.util.List;

/** Hands every event to the database sink, then to the derivations' watchers. */
final class EventTee implements PipelinedSink.Target {
    private final PipelinedSink.Target target;
    private final List<? extends EventHandler> watchers;

    EventTee(PipelinedSink.Target target, List<? extends EventHandler> watchers) {
        this.target = target;
        this.watchers = List.copyOf(watchers);
    }

    @Override
    public void item(SinkItem item) {
        target.item(item);
        for (EventHandler w : watchers) {
            item.sendTo(w);
        }
    }

    @Override
    public void stack(long stackId, List<Frame> frames) {
        target.stack(stackId, frames);
        for (EventHandler w : watchers) {
            w.stack(stackId, frames);
        }
    }

    @Override
    public void metadata(String key, String value) {
        target.metadata(key, value);
        for (EventHandler w : watchers) {
            w.metadata(key, value);
        }
    }

    @Override
    public void close() {
        target.close();
    }
}
