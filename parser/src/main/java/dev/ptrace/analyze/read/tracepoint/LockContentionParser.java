package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.LockFlags;

/**
 * {@code 0xffff88810006d838 (flags=WRITE)} for contention_begin and {@code 0xffff88810006d838
 * (ret=0)} for contention_end; tracefs prints the address hashed ({@code 000000001c56db3a}).
 */
final class LockContentionParser implements PayloadParser {
    private final boolean begin;
    private final String shape;

    LockContentionParser(boolean begin) {
        this.begin = begin;
        this.shape = begin ? "'ADDRESS (flags=NAME|NAME)'" : "'ADDRESS (ret=N)'";
    }

    @Override
    public LockContention parse(EventHeader h, String payload) {
        int space = payload.indexOf(' ');
        String key = begin ? "(flags=" : "(ret=";
        if (space <= 0 || !payload.startsWith(key, space + 1) || !payload.endsWith(")")) {
            throw new PayloadException("expected " + shape);
        }
        String address = payload.substring(0, space);
        String value = payload.substring(space + 1 + key.length(), payload.length() - 1);
        try {
            return begin
                    ? new LockContention(h, true, address, LockFlags.parse(value), null)
                    : new LockContention(h, false, address, null, Integer.parseInt(value));
        } catch (IllegalArgumentException e) {
            throw new PayloadException("expected " + shape + " (" + e.getMessage() + ")");
        }
    }
}
