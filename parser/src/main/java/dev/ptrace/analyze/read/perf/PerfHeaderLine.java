package dev.ptrace.analyze.read.perf;

/**
 * The first line of an event in {@code perf script} output. The shapes it reads:
 * <pre>
 * wl 16371 [000]  9970.177757:                lock:contention_begin: 0xffff88810006d838 (flags=WRITE)
 * wl  2642 [001]   239.157406:                   sched:sched_switch: prev_comm=wl ...
 * wl 16394  9976.913092:     200040 cpu-clock:ppp:
 * Web Content 4242/4250 [003] 12.345678901:     250000 cycles:u:  7f0a12 foo+0x12 (/usr/lib/x.so)
 * </pre>
 * {@code comm} may hold blanks; {@code /tid}, {@code [cpu]} and the period depend on perf's
 * options; the time has 6 decimals (9 with {@code --ns}). A single number is the thread id.
 *
 * @param comm      thread name
 * @param pid       process id, or -1 when only one number is printed
 * @param tid       thread id
 * @param cpu       CPU, or -1 when not printed
 * @param ts        time in nanoseconds
 * @param tsDigits  decimals printed after the seconds (6 = microsecond precision)
 * @param period    sample period, or -1 when not printed (tracepoints)
 * @param event     event name, e.g. {@code lock:contention_begin} or {@code cpu-clock:ppp}
 * @param payload   the rest of the line, trimmed
 */
public record PerfHeaderLine(String comm, int pid, int tid, int cpu, long ts, int tsDigits,
                             long period, String event, String payload) {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L};

    /**
     * Parses one line, or returns null when it is not a perf script event line.
     * Numbers too large for their field (a damaged line) make the line malformed too.
     */
    public static PerfHeaderLine parse(String s) {
        try {
            return parseOrThrow(s);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@link #parse}, which throws on a number out of range for its field. */
    private static PerfHeaderLine parseOrThrow(String s) {
        int n = s.length();
        int prevStart = -1;
        int prevEnd = -1;
        int prev2Start = -1;
        int prev2End = -1;
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (prevStart >= 0 && isTimestamp(s, start, i)) {
                PerfHeaderLine h = afterTimestamp(s, start, i, prevStart, prevEnd, prev2Start,
                        prev2End);
                if (h != null) {
                    return h;
                }
            }
            prev2Start = prevStart;
            prev2End = prevEnd;
            prevStart = start;
            prevEnd = i;
        }
        return null;
    }

    private static PerfHeaderLine afterTimestamp(String s, int tsStart, int tsEnd, int prevStart,
                                                 int prevEnd, int prev2Start, int prev2End) {
        int cpu = -1;
        int idStart = prevStart;
        int idEnd = prevEnd;
        if (s.charAt(prevStart) == '[') {
            cpu = bracketedNumber(s, prevStart, prevEnd);
            if (cpu < 0 || prev2Start < 0) {
                return null;
            }
            idStart = prev2Start;
            idEnd = prev2End;
        }
        int slash = s.indexOf('/', idStart);
        int pid = -1;
        int tid;
        if (slash >= 0 && slash < idEnd) {
            pid = number(s, idStart, slash);
            tid = number(s, slash + 1, idEnd);
            if (pid == Integer.MIN_VALUE) {
                return null;
            }
        } else {
            tid = number(s, idStart, idEnd);
        }
        if (tid == Integer.MIN_VALUE || idStart == 0) {
            return null;
        }
        String comm = s.substring(0, idStart).strip();
        int dot = s.indexOf('.', tsStart);
        long secs = Long.parseLong(s, tsStart, dot, 10);
        int digits = tsEnd - 1 - (dot + 1);
        int used = Math.min(digits, 9);
        long frac = Long.parseLong(s, dot + 1, dot + 1 + used, 10);
        long ts = Math.addExact(Math.multiplyExact(secs, 1_000_000_000L), frac * POW10[9 - used]);
        return event(s, tsEnd, comm, pid, tid, cpu, ts, digits);
    }

    private static PerfHeaderLine event(String s, int from, String comm, int pid, int tid, int cpu,
                                        long ts, int digits) {
        int n = s.length();
        int i = skipBlanks(s, from);
        int start = i;
        while (i < n && !isBlank(s.charAt(i))) {
            i++;
        }
        long period = -1;
        if (i > start && allDigits(s, start, i)) {
            period = Long.parseLong(s, start, i, 10);
            i = skipBlanks(s, i);
            start = i;
            while (i < n && !isBlank(s.charAt(i))) {
                i++;
            }
        }
        if (i - start < 2 || s.charAt(i - 1) != ':') {
            return null;
        }
        String event = s.substring(start, i - 1);
        String payload = s.substring(i).strip();
        return new PerfHeaderLine(comm, pid, tid, cpu, ts, digits, period, event, payload);
    }

    /** {@code 123.456789:} */
    private static boolean isTimestamp(String s, int start, int end) {
        if (end - start < 4 || s.charAt(end - 1) != ':') {
            return false;
        }
        int dot = -1;
        for (int i = start; i < end - 1; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (dot >= 0 || i == start) {
                    return false;
                }
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dot > 0 && dot < end - 2 && dot - start <= 12;
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

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
