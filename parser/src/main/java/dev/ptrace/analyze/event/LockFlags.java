package dev.ptrace.analyze.event;

import java.util.StringJoiner;

/**
 * The {@code flags} of {@code lock:contention_begin}, as the kernel defines them
 * ({@code include/trace/events/lock.h}, {@code LCB_F_*}) and prints them ({@code SPIN|READ}).
 */
public enum LockFlags {
    SPIN(1), READ(1 << 1), WRITE(1 << 2), RT(1 << 3), PERCPU(1 << 4), MUTEX(1 << 5);

    public final int bit;

    LockFlags(int bit) {
        this.bit = bit;
    }

    /** Parses {@code SPIN|READ}; unknown bits printed in hex ({@code 0x40}) are kept. */
    public static int parse(String text) {
        int flags = 0;
        if (text.isEmpty()) {
            return 0;
        }
        for (String name : text.split("\\|")) {
            flags |= bitOf(name.trim());
        }
        return flags;
    }

    private static int bitOf(String name) {
        for (LockFlags f : values()) {
            if (f.name().equals(name)) {
                return f.bit;
            }
        }
        if (name.startsWith("0x")) {
            return Integer.parseUnsignedInt(name.substring(2), 16);
        }
        throw new IllegalArgumentException("unknown lock flag '" + name + "'");
    }

    /** The kernel's spelling of {@code flags}: names joined by {@code |}, unknown bits in hex. */
    public static String format(int flags) {
        StringJoiner names = new StringJoiner("|");
        int rest = flags;
        for (LockFlags f : values()) {
            if ((flags & f.bit) != 0) {
                names.add(f.name());
                rest &= ~f.bit;
            }
        }
        if (rest != 0) {
            names.add("0x" + Integer.toHexString(rest));
        }
        return names.toString();
    }
}
