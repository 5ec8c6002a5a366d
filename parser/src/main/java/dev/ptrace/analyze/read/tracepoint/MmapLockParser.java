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

    private static boolean bool(String v) {
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new PayloadException("expected true or false, found '" + v + "'");
        };
    }
}
