package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.MmapLockEvent;
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
        MmapLockEvent e = parseSimple(h, payload);
        return e != null ? e : parseGeneral(h, payload);
    }

    /** Any payload, through {@link KeyValues}. */
    MmapLockEvent parseGeneral(EventHeader h, String payload) {
        Map<String, String> kv = KeyValues.parse(payload);
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

    /**
     * The common case read without {@link KeyValues}'s generality (this tracepoint fires
     * hundreds of thousands of times a second): blank-separated {@code key=value} tokens whose
     * values hold no blank, with mm and write there and well formed. Null for anything else,
     * which {@link #parseGeneral} reads (to the same event where both read it).
     */
    MmapLockEvent parseSimple(EventHeader h, String payload) {
        String mm = null;
        Long memcg = null;
        Boolean write = null;
        Boolean success = null;
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
            int v = eq + 1;
            if (key(payload, i, eq, "mm")) {
                mm = payload.substring(v, end);
            } else if (key(payload, i, eq, "memcg_id")) {
                memcg = number(payload, v, end);
                if (memcg == null) {
                    return null;
                }
            } else if (key(payload, i, eq, "write")) {
                write = flag(payload, v, end);
            } else if (key(payload, i, eq, "success")) {
                success = flag(payload, v, end);
                if (success == null) {
                    return null;
                }
            }
            i = end;
        }
        return mm == null || write == null ? null
                : new MmapLockEvent(h, phase, mm, memcg, write, success);
    }

    private static boolean key(String s, int from, int to, String key) {
        return to - from == key.length() && s.startsWith(key, from);
    }

    /** A decimal long without sign or blank, or null. */
    private static Long number(String s, int from, int to) {
        if (to == from || to - from > 18) {
            return null;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** true, 1, false or 0; else null. */
    private static Boolean flag(String s, int from, int to) {
        int len = to - from;
        if (len == 1) {
            char c = s.charAt(from);
            return c == '1' ? Boolean.TRUE : c == '0' ? Boolean.FALSE : null;
        }
        if (len == 4 && s.startsWith("true", from)) {
            return Boolean.TRUE;
        }
        return len == 5 && s.startsWith("false", from) ? Boolean.FALSE : null;
    }

    private static boolean bool(String v) {
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new PayloadException("expected true or false, found '" + v + "'");
        };
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
