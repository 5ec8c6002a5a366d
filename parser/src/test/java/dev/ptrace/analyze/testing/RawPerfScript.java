package dev.ptrace.analyze.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * perf script text (and the perf-script-like lines of scripts/bpftrace/locks.bt), or a tracefs
 * {@code trace} file, read with a few regular expressions, not with the tool's readers: what a
 * test derives a documented figure from.
 */
public final class RawPerfScript {
    /**
     * An event line: thread name, thread id (the tid of {@code pid/tid}), CPU, time in ns,
     * event name, payload, and the function names of the callchain lines under it, leaf first.
     */
    public record Event(String comm, int tid, int cpu, long ns, String name, String payload,
                        List<String> frames) {
        /** The value of {@code key=value} in the payload, or null. */
        public String field(String key) {
            Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=(\\S+)").matcher(payload);
            return m.find() ? m.group(1) : null;
        }

        /** The lock address a lock:contention_begin or _end names. */
        public String lock() {
            return payload.split("\\s+", 2)[0];
        }
    }

    /**
     * A lock:contention_begin and its thread's next lock:contention_end on the same lock; the
     * begin's payload (its flags) and callchain; nested when it began while another wait of
     * its thread was open (a spinlock inside an rwsem's slow path, say). A begin on a lock its
     * thread already waits for is part of that wait, which keeps its first begin, as perf lock
     * contention does: a mutex begins once to spin (flags=SPIN|MUTEX) and again to sleep
     * (flags=MUTEX), and ends once.
     */
    public record Wait(int tid, String lock, long begin, long end, String payload, List<String> frames,
                       boolean nested) {
        public long ns() {
            return end - begin;
        }
    }

    private static final Pattern EVENT = Pattern.compile("^\\s*(.+?)\\s+(?:\\d+/)?(\\d+)\\s+"
            + "\\[(\\d+)\\]\\s+(\\d+)\\.(\\d{6}|\\d{9}):\\s+(?:\\d+\\s+)?([\\w-]+(?::[\\w-]+)?):\\s*(.*)$");
    /**
     * A tracefs line: {@code comm-tid (tgid) [cpu] flags time: event: payload}; the event is
     * printed without its system ({@code contention_begin}); a syscall's enter and exit are
     * {@code sys_munmap(addr: ...)} and {@code sys_munmap -> 0x0} (payloads "(addr: ...)" and
     * "-> 0x0").
     */
    private static final Pattern TRACEFS = Pattern.compile("^\\s*(.+)-(\\d+)\\s+(?:\\(\\s*[\\d-]+\\)\\s+)?"
            + "\\[(\\d+)\\]\\s+(?:\\S+\\s+)?(\\d+)\\.(\\d{6}):\\s+(\\w+)(?::\\s*|(?=\\()|\\s+(?=->))(.*)$");
    /** {@code ADDRESS FUNCTION+0xOFF (MODULE)}: the function's name. */
    private static final Pattern FRAME = Pattern.compile("^\\s+[0-9a-f]+ (\\S+?)(?:\\+(?:0x)?[0-9a-f]+)?(?: \\(|$)");

    private RawPerfScript() {
    }

    public static List<Event> events(Path trace) throws IOException {
        return events(trace, EVENT);
    }

    /** A tracefs trace's events (without callchains). */
    public static List<Event> tracefsEvents(Path trace) throws IOException {
        return events(trace, TRACEFS);
    }

    private static List<Event> events(Path trace, Pattern event) throws IOException {
        List<Event> events = new ArrayList<>();
        List<String> frames = null;
        for (String line : TestData.rawLines(trace)) {
            Matcher e = event.matcher(line);
            Matcher f;
            if (e.matches()) {
                frames = new ArrayList<>();
                String fraction = e.group(5);
                long ns = Long.parseLong(e.group(4)) * 1_000_000_000L
                        + Long.parseLong(fraction) * (fraction.length() == 6 ? 1000 : 1);
                events.add(new Event(e.group(1), Integer.parseInt(e.group(2)),
                        Integer.parseInt(e.group(3)), ns, e.group(6), e.group(7), frames));
            } else if (frames != null && (f = FRAME.matcher(line)).find()) {
                frames.add(f.group(1));
            }
        }
        return events;
    }

    /**
     * Every wait, paired per thread and lock as perf lock contention pairs them, as they end
     * ({@code lock:contention_begin}, or {@code contention_begin} as tracefs prints it).
     */
    public static List<Wait> waits(List<Event> events) {
        Map<String, Event> open = new HashMap<>();
        Map<String, Boolean> nested = new HashMap<>();
        Map<Integer, Integer> openOfThread = new HashMap<>();
        List<Wait> waits = new ArrayList<>();
        for (Event e : events) {
            String key = e.tid() + " " + (e.name().contains("contention_") ? e.lock() : "");
            if (e.name().endsWith("contention_begin")) {
                if (open.putIfAbsent(key, e) == null) {
                    nested.put(key, openOfThread.merge(e.tid(), 1, Integer::sum) > 1);
                }
            } else if (e.name().endsWith("contention_end")) {
                Event begin = open.remove(key);
                if (begin != null) {
                    openOfThread.merge(e.tid(), -1, Integer::sum);
                    waits.add(new Wait(e.tid(), e.lock(), begin.ns(), e.ns(), begin.payload(), begin.frames(),
                            nested.remove(key)));
                }
            }
        }
        return waits;
    }

    /** The waits on one lock. */
    public static List<Wait> waits(List<Event> events, String lock) {
        return waits(events).stream().filter(w -> w.lock().equals(lock)).toList();
    }
}
