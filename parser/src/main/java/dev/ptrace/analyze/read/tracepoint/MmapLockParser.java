package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.MmapLockEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code mm=0xffff88810006d780 memcg_id=5051 write=true success=true} (success only on
 * acquire_returned; kernels before 6.x print {@code memcg_path=...} instead of the id).
 */
final class MmapLockParser implements PayloadParser {
    private static final String SHAPE = "'mm=.. memcg_id=.. write=true|false'";
    private final String phase;

    MmapLockParser(String phase) {
        this.phase = phase;
    }

    @Override
    public MmapLockEvent parse(EventHeader h, String payload) {
        Map<String, String> kv = simpleKeyValues(payload);
        if (kv == null) {
            kv = KeyValues.parse(payload);
        }
        String memcg = kv.get("memcg_id");
        String success = kv.get("success");
        try {
            return new MmapLockEvent(h, phase,
                    KeyValues.require(kv, "mm", SHAPE),
                    memcg == null ? null : Long.parseLong(memcg),
                    bool(KeyValues.require(kv, "write", SHAPE)),
                    success == null ? null : bool(success));
        } catch (NumberFormatException e) {
            throw new PayloadException("expected " + SHAPE + " (memcg_id=" + memcg + ")");
        }
    }

    private static boolean bool(String v) {
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new PayloadException("expected true or false, found '" + v + "'");
        };
    }

    /**
     * The common case read without {@link KeyValues}'s generality (this tracepoint fires
     * hundreds of thousands of times a second): blank-separated {@code key=value} tokens whose
     * values hold no blank. Null when the payload is anything else, for KeyValues to read (the
     * same answer where both read it).
     */
    static Map<String, String> simpleKeyValues(String payload) {
        Map<String, String> kv = new HashMap<>(8);
        int n = payload.length();
        int i = 0;
        while (i < n) {
            if (payload.charAt(i) == ' ') {
                i++;
                continue;
            }
            int end = payload.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            int eq = payload.indexOf('=', i);
            if (eq <= i || eq >= end || !identifier(payload, i, eq)) {
                return null;
            }
            kv.put(payload.substring(i, eq), payload.substring(eq + 1, end).strip());
            i = end;
        }
        return kv;
    }

    private static boolean identifier(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean letter = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && (i == from || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
