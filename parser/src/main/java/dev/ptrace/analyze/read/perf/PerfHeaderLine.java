package dev.ptrace.analyze.read.perf;

import dev.ptrace.analyze.event.EventHeader;

/**
 * The first line of an event in {@code perf script} output, whatever fields {@code -F} chose.
 * perf prints the fields it was given in one order (builtin-script.c,
 * perf_sample__fprintf_start): comm, pid/tid, [cpu], time, then period and the event name,
 * then what follows the name (a tracepoint's payload, the sampled address without callchain):
 * <pre>
 * wl 16371 [000]  9970.177757:                lock:contention_begin: 0xffff88810006d838 (flags=WRITE)
 * wl 16394  9976.913092:     200040 cpu-clock:ppp:
 * Web Content 4242/4250 [003] 12.345678901:     250000 cycles:u:  7f0a12 foo+0x12 (/usr/lib/x.so)
 * java 19983 cycles:
 * wl  9856/9856  [000]          1    mmap_lock:mmap_lock_start_locking:
 *    9856 cpu-clock:
 * </pre>
 * {@code comm} may hold blanks; a single number is the thread id. With a time the line is read
 * around it; without one, backwards from the event name (the first word ending in {@code :}
 * that starts with a letter): [period] [[cpu]] ids, the rest is the name. A line needs a time
 * or a thread id, else it cannot be told from other text.
 *
 * @param comm      thread name, or null when not printed
 * @param pid       process id, or -1 when not printed
 * @param tid       thread id, or {@link EventHeader#NO_TID} when not printed
 * @param cpu       CPU, or -1 when not printed
 * @param ts        time in nanoseconds, or {@link EventHeader#NO_TIME} when not printed
 * @param tsDigits  decimals printed after the seconds (6 = microsecond precision); -1 without
 *                  a time
 * @param period    sample period, or -1 when not printed
 * @param event     event name, e.g. {@code lock:contention_begin} or {@code cpu-clock:ppp}
 * @param payload   the rest of the line, trimmed
 */
public record PerfHeaderLine(String comm, int pid, int tid, int cpu, long ts, int tsDigits,
                             long period, String event, String payload) {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L};

    /** Whether the line printed a time. */
    public boolean timed() {
        return ts != EventHeader.NO_TIME;
    }

    /**
     * Parses one line, or returns null when it is not a perf script event line.
     * Numbers too large for their field (a damaged line) make the line malformed too.
     */
    public static PerfHeaderLine parse(String s) {
        return parse(s, false);
    }

    /**
     * The same, only for lines with a time: where perf-shaped lines come among other text
     * (bpftrace's output, whose scripts print the time), a line without one is that text.
     */
    public static PerfHeaderLine parseTimed(String s) {
        return parse(s, true);
    }

    private static PerfHeaderLine parse(String s, boolean timeRequired) {
        try {
            return parseOrThrow(new Words(s), timeRequired);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@link #parse}, which throws on a number out of range for its field. */
    private static PerfHeaderLine parseOrThrow(Words w, boolean timeRequired) {
        for (int i = 0; w.has(i); i++) {
            PerfHeaderLine h = null;
            if (isTimestamp(w, i)) {
                h = timed(w, i);
            } else if (!timeRequired && isEventWord(w, i)) {
                h = untimed(w, i);
            }
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    /** {@code [comm] [ids] [[cpu]] TIME: [period] event: payload} */
    private static PerfHeaderLine timed(Words w, int time) {
        Ids ids = Ids.before(w, time, false);
        if (ids == null) {
            return null;
        }
        int dot = w.s.indexOf('.', w.start(time));
        long secs = Long.parseLong(w.s, w.start(time), dot, 10);
        int digits = w.end(time) - 1 - (dot + 1);
        int used = Math.min(digits, 9);
        long frac = Long.parseLong(w.s, dot + 1, dot + 1 + used, 10);
        long ts = Math.addExact(Math.multiplyExact(secs, 1_000_000_000L), frac * POW10[9 - used]);
        int next = time + 1;
        long period = -1;
        if (w.has(next) && w.allDigits(next)) {
            period = Long.parseLong(w.s, w.start(next), w.end(next), 10);
            next++;
        }
        if (!w.has(next) || w.end(next) - w.start(next) < 2
                || w.s.charAt(w.end(next) - 1) != ':') {
            return null;
        }
        return ids.line(w, ts, digits, period, next);
    }

    /** {@code [comm] ids [[cpu]] [period] event: payload}: no time printed. */
    private static PerfHeaderLine untimed(Words w, int event) {
        int before = event;
        long period = -1;
        // a number before the name is a period only after the ids or a CPU (perf's order)
        if (before >= 2 && w.allDigits(before - 1) && Ids.isIdOrCpu(w, before - 2)) {
            period = Long.parseLong(w.s, w.start(before - 1), w.end(before - 1), 10);
            before--;
        }
        Ids ids = Ids.before(w, before, true);
        return ids == null ? null : ids.line(w, EventHeader.NO_TIME, -1, period, event);
    }

    /**
     * What comes before the time (or the period and name): {@code [comm] [pid/tid | tid] [[cpu]]}.
     *
     * @param commEnd end of the name in the line, 0 when none is printed
     */
    private record Ids(int commEnd, int pid, int tid, int cpu) {
        /**
         * The ids before word {@code end}; null when there are none but words before them, or
         * none at all and {@code idRequired}.
         */
        static Ids before(Words w, int end, boolean idRequired) {
            int i = end - 1;
            int cpu = -1;
            if (i >= 0 && w.s.charAt(w.start(i)) == '[') {
                cpu = bracketedNumber(w.s, w.start(i), w.end(i));
                if (cpu < 0) {
                    return null;
                }
                i--;
            }
            int pid = -1;
            int tid = EventHeader.NO_TID;
            if (i >= 0 && isIds(w, i)) {
                int slash = w.s.indexOf('/', w.start(i));
                if (slash >= 0 && slash < w.end(i)) {
                    pid = number(w.s, w.start(i), slash);
                    tid = number(w.s, slash + 1, w.end(i));
                } else {
                    tid = number(w.s, w.start(i), w.end(i));
                }
                i--;
            } else if (idRequired || i >= 0) {
                // a name without its thread id: ftrace's "comm-tid [cpu]" or plain text
                return null;
            }
            return new Ids(i >= 0 ? w.end(i) : 0, pid, tid, cpu);
        }

        /** Whether word {@code i} is {@code pid/tid}, a thread id or {@code [cpu]}. */
        static boolean isIdOrCpu(Words w, int i) {
            return isIds(w, i) || (w.s.charAt(w.start(i)) == '['
                    && bracketedNumber(w.s, w.start(i), w.end(i)) >= 0);
        }

        private static boolean isIds(Words w, int i) {
            int slash = w.s.indexOf('/', w.start(i));
            if (slash >= 0 && slash < w.end(i)) {
                return number(w.s, w.start(i), slash) != Integer.MIN_VALUE
                        && number(w.s, slash + 1, w.end(i)) != Integer.MIN_VALUE;
            }
            return number(w.s, w.start(i), w.end(i)) != Integer.MIN_VALUE;
        }

        PerfHeaderLine line(Words w, long ts, int digits, long period, int event) {
            String comm = commEnd == 0 ? null : w.s.substring(0, commEnd).strip();
            String name = w.s.substring(w.start(event), w.end(event) - 1);
            String payload = w.s.substring(w.end(event)).strip();
            return new PerfHeaderLine(comm, pid, tid, cpu, ts, digits, period, name, payload);
        }
    }

    /** {@code 123.456789:} */
    private static boolean isTimestamp(Words w, int i) {
        int start = w.start(i);
        int end = w.end(i);
        if (end - start < 4 || w.s.charAt(end - 1) != ':') {
            return false;
        }
        int dot = -1;
        for (int k = start; k < end - 1; k++) {
            char c = w.s.charAt(k);
            if (c == '.') {
                if (dot >= 0 || k == start) {
                    return false;
                }
                dot = k;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dot > 0 && dot < end - 2 && dot - start <= 12;
    }

    /**
     * {@code cpu-clock:}, {@code sched:sched_switch:}, {@code cycles:u:}: a word ending in
     * {@code :} that starts with a letter and holds no {@code =} (a payload's {@code key=value}).
     */
    private static boolean isEventWord(Words w, int i) {
        int start = w.start(i);
        int end = w.end(i);
        if (end - start < 2 || w.s.charAt(end - 1) != ':'
                || !Character.isLetter(w.s.charAt(start))) {
            return false;
        }
        return w.s.indexOf('=', start) < 0 || w.s.indexOf('=', start) >= end;
    }

    private static int bracketedNumber(String s, int start, int end) {
        if (end - start < 3 || s.charAt(end - 1) != ']') {
            return -1;
        }
        int v = number(s, start + 1, end - 1);
        return v == Integer.MIN_VALUE ? -1 : v;
    }

    /** A decimal int in {@code s[start,end)}, or {@link Integer#MIN_VALUE} when it is none. */
    private static int number(String s, int start, int end) {
        if (end <= start || end - start > 10) {
            return Integer.MIN_VALUE;
        }
        int from = s.charAt(start) == '-' ? start + 1 : start;
        if (from == end || !allDigits(s, from, end)) {
            return Integer.MIN_VALUE;
        }
        long v = Long.parseLong(s, start, end, 10);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE + 1 ? Integer.MIN_VALUE : (int) v;
    }

    private static boolean allDigits(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return end > start;
    }

    /**
     * The blank-separated words of a line, found as far as they are asked for: the payload
     * after the event name is never split.
     */
    private static final class Words {
        final String s;
        private int[] bounds = new int[16];
        private int count;
        private int scanned;

        Words(String s) {
            this.s = s;
        }

        /** Whether the line has a word {@code i} (0-based). */
        boolean has(int i) {
            reach(i);
            return count > i;
        }

        int start(int i) {
            reach(i);
            return bounds[2 * i];
        }

        int end(int i) {
            reach(i);
            return bounds[2 * i + 1];
        }

        boolean allDigits(int i) {
            return PerfHeaderLine.allDigits(s, start(i), end(i));
        }

        private void reach(int i) {
            while (count <= i && more()) {
                // each call finds one more word
            }
        }

        /** Finds the next word; false at the end of the line. */
        private boolean more() {
            int n = s.length();
            int i = scanned;
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(s.charAt(i))) {
                i++;
            }
            scanned = i;
            if (start == i) {
                return false;
            }
            if (2 * count + 2 > bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * count] = start;
            bounds[2 * count + 1] = i;
            count++;
            return true;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
