package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.progress.Progress;
import java.io.PrintWriter;

/**
 * Progress as one line on a terminal's stderr, rewritten in place at most ten times a second:
 * the input read so far of its size, the rate, the time left; then each stage after reading
 * and how long the work has run. Cleared when the work is over.
 */
final class TerminalProgress implements Progress {
    private static final long EVERY_NS = 100_000_000L;
    /** Nothing shows in the first half second: short work stays quiet. */
    private static final long QUIET_NS = 500_000_000L;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long readingSince;
    private long shown;
    private String source = "";
    private int width;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void reading(String source, long read, long total) {
        long now = System.nanoTime();
        if (!source.equals(this.source)) {
            this.source = source;
            readingSince = now;
        }
        if (now - shown < EVERY_NS || now - start < QUIET_NS) {
            return;
        }
        double seconds = (now - readingSince) / 1e9;
        double mbPerS = read / 1e6 / Math.max(seconds, 1e-3);
        String line = total > 0
                ? String.format("reading %s: %,.0f of %,.0f MB (%.0f%%), %.0f MB/s, %s left",
                        source, read / 1e6, total / 1e6, 100.0 * read / total, mbPerS,
                        seconds(Math.max(0, (total - read) / 1e6 / Math.max(mbPerS, 1e-3))))
                : String.format("reading %s: %,.0f MB, %.0f MB/s", source, read / 1e6, mbPerS);
        show(line, now);
    }

    @Override
    public synchronized void stage(String name) {
        long now = System.nanoTime();
        if (now - start < QUIET_NS) {
            return;
        }
        show(String.format("%s%s (%s)", source.isEmpty() ? "" : source + ": ", name,
                seconds((now - start) / 1e9)), now);
    }

    @Override
    public synchronized void done() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }

    private void show(String line, long now) {
        shown = now;
        String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
        width = line.length();
        err.print("\r" + padded);
        err.flush();
    }

    private static String seconds(double s) {
        return s < 60 ? String.format("%.1f s", s)
                : String.format("%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
