package dev.ptrace.analyze.read;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gives each distinct call stack one id and sends its frames to the sink once. Stacks are told
 * apart by their exact text, so frames are parsed only for new stacks. Memory is bounded: past
 * {@link #MAX_KEY_CHARS} of remembered text the table starts afresh, and a stack seen again
 * after that gets a new id (a duplicate row, never a wrong one).
 */
public final class StackInterner {
    static final long MAX_KEY_CHARS = 32L << 20;

    private final EventSink sink;
    private final Map<String, Long> ids = new HashMap<>();
    private long keyChars;
    private long nextId;

    public StackInterner(EventSink sink) {
        this.sink = sink;
    }

    /** The id of the stack whose text is {@code key}; {@code frames} is asked only if new. */
    public long intern(String key, Supplier<List<Frame>> frames) {
        Long id = ids.get(key);
        if (id != null) {
            return id;
        }
        if (keyChars + key.length() > MAX_KEY_CHARS) {
            ids.clear();
            keyChars = 0;
        }
        long fresh = nextId++;
        ids.put(key, fresh);
        keyChars += key.length();
        sink.stack(fresh, frames.get());
        return fresh;
    }
}
