package dev.ptrace.analyze.read;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gives each distinct call stack one id and sends its frames to the sink once. Stacks are told
 * apart by the exact bytes of their lines, so frames are parsed only for new stacks. Memory is
 * bounded: past {@link #MAX_KEY_BYTES} of remembered lines the table starts afresh, and a stack
 * seen again after that gets a new id (a duplicate row, never a wrong one).
 */
public final class StackInterner {
    static final long MAX_KEY_BYTES = 32L << 20;

    private final EventSink sink;
    private final Map<RawLines, Long> ids = new HashMap<>();
    private long keyBytes;
    private long nextId;

    public StackInterner(EventSink sink) {
        this.sink = sink;
    }

    /**
     * The id of the stack whose lines are {@code lines} (copied when new, so the caller may
     * reuse them); {@code frames} is asked only for a new stack.
     */
    public long intern(RawLines lines, Supplier<List<Frame>> frames) {
        Long id = ids.get(lines);
        if (id != null) {
            return id;
        }
        if (keyBytes + lines.byteCount() > MAX_KEY_BYTES) {
            ids.clear();
            keyBytes = 0;
        }
        long fresh = nextId++;
        ids.put(lines.copy(), fresh);
        keyBytes += lines.byteCount();
        sink.stack(fresh, frames.get());
        return fresh;
    }
}
