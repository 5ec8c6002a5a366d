package dev.ptrace.analyze.event;

/** A sampled event such as {@code cpu-clock} or {@code cycles}, with the period it stands for. */
public record Sample(EventHeader header, long period) implements TraceEvent {
    @Override
    public void sendTo(EventHandler handler) {
        handler.sample(this);
    }
}
