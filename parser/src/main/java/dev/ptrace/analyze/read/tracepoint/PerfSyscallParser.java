package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.SyscallEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The syscalls tracepoints as perf and tracefs print them: {@code sys_enter_madvise} with
 * {@code start: 0x7fa36ec00000, len_in: 0x02000000, behavior: 0x00000017} and
 * {@code sys_exit_madvise} with {@code 0x0}. Values are hex; a negative return value prints as
 * its 64-bit two's complement and is read back as the negative number.
 */
final class PerfSyscallParser {
    static final String ENTER = "sys_enter_";
    static final String EXIT = "sys_exit_";

    private PerfSyscallParser() {
    }

    static SyscallEvent parse(EventHeader h, String tracepoint, String payload) {
        if (tracepoint.startsWith(ENTER)) {
            return new SyscallEvent(h, true, tracepoint.substring(ENTER.length()),
                    args(payload), null);
        }
        return new SyscallEvent(h, false, tracepoint.substring(EXIT.length()),
                Collections.emptyMap(), number(payload.strip(), "'0xHEX' return value"));
    }

    private static Map<String, Long> args(String payload) {
        Map<String, Long> args = new LinkedHashMap<>();
        if (payload.isBlank()) {
            return args;
        }
        for (String part : payload.split(", ")) {
            int colon = part.indexOf(": ");
            if (colon <= 0) {
                throw new PayloadException("expected 'name: 0xHEX, name: 0xHEX', found '"
                        + part + "'");
            }
            args.put(part.substring(0, colon).strip(),
                    number(part.substring(colon + 2).strip(), "argument 'name: 0xHEX'"));
        }
        return args;
    }

    static long number(String text, String shape) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PayloadException("expected " + shape + ", found '" + text + "'");
        }
    }
}
