package dev.ptrace.analyze.read;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gives each distinct call stack one id and sends its frames to the sink once. Stacks are told
 * apart by the exact bytes of their lines, so frames are parsed only for new stacks. Memory is
 * bounded: past {@link #MAX_KEY_BYTES} of remembered lines the table starts afresh, and a stack
 * seen again after that gets a new id (a duplicate row, never a wrong one).
 */
public final class StackInterner {
    /**
     * A stack's frames as parsed, and how many of its lines were malformed (the parser has
     * reported them): a stack with malformed lines is parsed again each time it recurs, so
     * that every skipped line is counted.
     */
    public record Parsed(List<Frame> frames, int malformedLines) {
    }

    static final long MAX_KEY_BYTES = 32L << 20;

    private final EventSink sink;
    private final Map<RawLines, Long> ids = new HashMap<>();
    private final Set<Long> withMalformedLines = new HashSet<>();
    private long keyBytes;
    private long nextId;

    public StackInterner(EventSink sink) {
        this.sink = sink;
    }

    /**
     * The id of the stack whose lines are {@code lines} (copied when new, so the caller may
     * reuse them); {@code parser} runs for a new stack, and again for a known one with
     * malformed lines.
     */
    public long intern(RawLines lines, Supplier<Parsed> parser) {
        Long id = ids.get(lines);
        if (id != null) {
            if (id == EventHeader.NO_STACK || withMalformedLines.contains(id)) {
                parser.get();
            }
            return id;
        }
        if (keyBytes + lines.byteCount() > MAX_KEY_BYTES) {
            ids.clear();
            withMalformedLines.clear();
            keyBytes = 0;
        }
        keyBytes += lines.byteCount();
        Parsed parsed = parser.get();
        if (parsed.frames().isEmpty()) {
            // not one line was a frame: the event has no stack rather than an empty one
            ids.put(lines.copy(), EventHeader.NO_STACK);
            return EventHeader.NO_STACK;
        }
        long fresh = nextId++;
        ids.put(lines.copy(), fresh);
        if (parsed.malformedLines() > 0) {
            withMalformedLines.add(fresh);
        }
        sink.stack(fresh, parsed.frames());
        return fresh;
    }
}
