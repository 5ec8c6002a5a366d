package dev.ptrace.analyze.analysis.units;

/** Sizes the way people say them: whole KiB, MiB and GiB when exact, else bytes. */
public final class Bytes {
    private static final String[] UNITS = {"GiB", "MiB", "KiB"};
    private static final long[] SIZES = {1L << 30, 1L << 20, 1L << 10};

    private Bytes() {
    }

    /** 1 GiB, 64 KiB, 1052672 bytes (1.00 MiB). */
    public static String format(long bytes) {
        for (int i = 0; i < SIZES.length; i++) {
            if (bytes >= SIZES[i] && bytes % SIZES[i] == 0) {
                return bytes / SIZES[i] + " " + UNITS[i];
            }
        }
        for (int i = 0; i < SIZES.length; i++) {
            if (bytes >= SIZES[i]) {
                return String.format("%d bytes (%.2f %s)", bytes, (double) bytes / SIZES[i],
                        UNITS[i]);
            }
        }
        return bytes + " bytes";
    }
}
