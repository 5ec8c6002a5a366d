package dev.ptrace.analyze.read.ftrace;

/**
 * An event line of tracefs text ({@code trace}, {@code trace_pipe}) and of
 * {@code trace-cmd report}. The shapes it reads:
 * <pre>
 *       capture.sh-16336   (  16336) [001] .....  9978.138607: mmap_lock_start_locking: mm=...
 *           &lt;idle&gt;-0       (-------) [000] d..2.  9982.526335: sched_switch: prev_comm=...
 *     kworker/u4:1-45      [001] d..2   238.980095: sched_switch: ...          (no TGID, old flags)
 *             bash-9644  [000]  1972.314396: mmap_lock_start_locking: mm=...  (trace-cmd report)
 *               wl-21635   (  21634) [000] .....  9982.423227: sys_madvise(start: 0x7fe8, ...)
 *     tracecmd-31992   1.....  9035.959154: mmap_lock_start_locking: mm=...   (trace-cmd report -l:
 *                                                     CPU and flags in one column, comm cut to 8)
 * </pre>
 * The thread name may hold blanks and dashes: the thread id is the number after the last dash
 * before the CPU. The TGID column and the flags column (4 or 5 characters) are optional.
 *
 * @param comm     thread name
 * @param tid      thread id
 * @param tgid     process id from the TGID column, or -1 when absent or {@code -------}
 * @param cpu      CPU number
 * @param flags    irq-flags/preempt-depth column, or null when absent
 * @param ts       nanoseconds
 * @param tsDigits decimals printed after the seconds
 * @param body     the text after the timestamp: {@code name: payload}, {@code <stack trace>},
 *                 {@code sys_madvise(...)}
 */
public record FtraceLine(String comm, int tid, int tgid, int cpu, String flags, long ts,
                         int tsDigits, String body) {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L};

    /**
     * Parses one line, or returns null when it is not an ftrace event line.
     * Numbers too large for their field (a damaged line) make the line malformed too.
     */
    public static FtraceLine parse(String s) {
        try {
            return parseOrThrow(s);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@link #parse}, which throws on a number out of range for its field. */
    private static FtraceLine parseOrThrow(String s) {
        int open = s.indexOf('[');
        while (open >= 0) {
            FtraceLine line = parseAt(s, open);
            if (line != null) {
                return line;
            }
            open = s.indexOf('[', open + 1);
        }
        return parseLatency(s);
    }

    /** {@code comm-pid  CPUflags  secs.usecs: body}, the latency layout (trace-cmd report -l). */
    private static FtraceLine parseLatency(String s) {
        int i = skipBlanks(s, 0);
        int taskEnd = tokenEnd(s, i);
        int cpuStart = skipBlanks(s, taskEnd);
        int cpuEnd = tokenEnd(s, cpuStart);
        int tsStart = skipBlanks(s, cpuEnd);
        int tsEnd = tokenEnd(s, tsStart);
        if (!isTimestamp(s, tsStart, tsEnd) || cpuEnd - cpuStart < 5) {
            return null;
        }
        String cpuFlags = s.substring(cpuStart, cpuEnd);
        int flagsWidth = cpuFlags.length() >= 6 ? 5 : 4;
        int digitsEnd = cpuFlags.length() - flagsWidth;
        if (!digits(cpuFlags, 0, digitsEnd)) {
            return null;
        }
        String task = s.substring(i, taskEnd);
        int dash = task.lastIndexOf('-');
        if (dash <= 0 || !digits(task, dash + 1, task.length())) {
            return null;
        }
        return line(task.substring(0, dash), Integer.parseInt(task.substring(dash + 1)), -1,
                Integer.parseInt(cpuFlags.substring(0, digitsEnd)),
                cpuFlags.substring(digitsEnd), s, tsStart, tsEnd);
    }

    private static FtraceLine line(String comm, int tid, int tgid, int cpu, String flags, String s,
                                   int tsStart, int tsEnd) {
        int dot = s.indexOf('.', tsStart);
        int digits = tsEnd - 1 - (dot + 1);
        int used = Math.min(digits, 9);
        long ts = Math.addExact(Math.multiplyExact(Long.parseLong(s, tsStart, dot, 10),
                1_000_000_000L), Long.parseLong(s, dot + 1, dot + 1 + used, 10) * POW10[9 - used]);
        String body = s.substring(skipBlanks(s, tsEnd)).stripTrailing();
        return new FtraceLine(comm, tid, tgid, cpu, flags, ts, digits, body);
    }

    /** Tries the {@code [CPU]} bracket at {@code open}. */
    private static FtraceLine parseAt(String s, int open) {
        int close = s.indexOf(']', open);
        if (close < 0 || close == open + 1 || !digits(s, open + 1, close)
                || close + 1 >= s.length() || s.charAt(close + 1) != ' ') {
            return null;
        }
        int cpu = Integer.parseInt(s, open + 1, close, 10);
        int i = skipBlanks(s, close + 1);
        int tokEnd = tokenEnd(s, i);
        String flags = null;
        if (!isTimestamp(s, i, tokEnd)) {
            flags = s.substring(i, tokEnd);
            i = skipBlanks(s, tokEnd);
            tokEnd = tokenEnd(s, i);
            if (!isTimestamp(s, i, tokEnd)) {
                return null;
            }
        }
        int tsStart = i;
        String before = s.substring(0, open).stripTrailing();
        int tgid = -1;
        if (before.endsWith(")")) {
            int paren = before.lastIndexOf('(');
            if (paren < 0) {
                return null;
            }
            String inside = before.substring(paren + 1, before.length() - 1).strip();
            if (!inside.chars().allMatch(c -> c == '-')) {
                if (!digits(inside, 0, inside.length())) {
                    return null;
                }
                tgid = Integer.parseInt(inside);
            }
            before = before.substring(0, paren).stripTrailing();
        }
        String task = before.strip();
        int dash = task.lastIndexOf('-');
        if (dash <= 0 || dash == task.length() - 1 || !digits(task, dash + 1, task.length())) {
            return null;
        }
        int tid = Integer.parseInt(task, dash + 1, task.length(), 10);
        return line(task.substring(0, dash), tid, tgid, cpu, flags, s, tsStart, tokEnd);
    }

    /** {@code 9978.138607:} */
    private static boolean isTimestamp(String s, int start, int end) {
        if (end - start < 4 || s.charAt(end - 1) != ':') {
            return false;
        }
        int dot = s.indexOf('.', start);
        return dot > start && dot < end - 2 && dot - start <= 12 && digits(s, start, dot)
                && digits(s, dot + 1, end - 1);
    }

    private static boolean digits(String s, int start, int end) {
        if (end <= start || end - start > 18) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ') {
            i++;
        }
        return i;
    }
}
