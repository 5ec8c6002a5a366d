package dev.ptrace.analyze.read.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.SyscallEvent;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.TraceInput;
import dev.ptrace.analyze.testing.TestData;
import dev.ptrace.analyze.testing.TestData.CollectingSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * testdata/futex/futexlock.bpftrace.txt.gz: what scripts/bpftrace/locks.bt printed of three
 * threads contending on one pthread mutex (testdata/futex/README.md). Every futex line is read
 * with its arguments, return value and user stack, each checked against the raw line as this
 * test's own patterns read it.
 */
class FutexCaptureTest {
    private static final Path CAPTURE = TestData.dir().resolve("futex/futexlock.bpftrace.txt.gz");
    private static final Pattern EVENT = Pattern.compile("^(\\S+) (\\d+)/(\\d+) \\[\\d{3}\\] "
            + "(\\d+)\\.(\\d{9}): syscalls:sys_(enter|exit)_futex: (.*)$");
    private static final Pattern ARGS = Pattern.compile("uaddr: 0x(\\p{XDigit}+), op: "
            + "0x(\\p{XDigit}+), val: 0x(\\p{XDigit}+), utime: 0x(\\p{XDigit}+), uaddr2: "
            + "0x(\\p{XDigit}+), val3: 0x(\\p{XDigit}+)");
    private static final List<String> ARG_NAMES = List.of("uaddr", "op", "val", "utime",
            "uaddr2", "val3");
    /** ustack(perf): {@code \tADDR SYMBOL+DECIMAL (MODULE)}, or the address twice when unnamed. */
    private static final Pattern NAMED = Pattern.compile(
            "^\t(\\p{XDigit}+) (\\S+)\\+(\\d+) \\((.+)\\)$");
    private static final Pattern UNNAMED = Pattern.compile(
            "^\t(\\p{XDigit}+) 0x(\\p{XDigit}+) \\(\\[unknown\\]\\)$");
    private static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final long FUTEX_WAIT_PRIVATE = 0x80;
    private static final long FUTEX_WAKE_PRIVATE = 0x81;

    /** A futex line of the capture as printed, and the frame lines after it. */
    private record Raw(long line, long ts, int pid, int tid, boolean enter,
                       Map<String, Long> args, Long ret, List<Frame> frames) {
    }

    private static List<Raw> raw;
    private static Map<Long, SyscallEvent> readByLine;
    private static CollectingSink sink;

    @BeforeAll
    static void read() throws IOException {
        raw = rawFutexLines(TestData.rawLines(CAPTURE));
        sink = new CollectingSink();
        try (LineSource in = TraceInput.open(CAPTURE.toString())) {
            new BpftraceReader().read(in, sink, new ProblemLog(CAPTURE.toString(), true));
        }
        readByLine = new HashMap<>();
        for (var e : sink.events) {
            if (e instanceof SyscallEvent s && s.name().equals("futex")) {
                readByLine.put(s.header().line(), s);
            }
        }
    }

    @Test
    void everyFutexLineIsReadWithItsArgumentsOrReturnValue() {
        assertEquals(raw.size(), readByLine.size());
        assertTrue(raw.stream().filter(Raw::enter).count() > 300, "a contended run");
        for (Raw r : raw) {
            SyscallEvent e = readByLine.get(r.line());
            assertNotNull(e, "line " + r.line());
            assertEquals(r.enter(), e.enter(), "line " + r.line());
            assertEquals(List.of(r.pid(), r.tid()), List.of(e.header().pid(), e.header().tid()));
            assertEquals(r.ts(), e.header().ts());
            assertEquals(r.enter() ? "syscalls:sys_enter_futex" : "syscalls:sys_exit_futex",
                    e.header().event());
            assertEquals(r.args(), e.args(), "line " + r.line());
            assertEquals(List.copyOf(r.args().keySet()), List.copyOf(e.args().keySet()));
            assertEquals(r.ret(), e.ret(), "line " + r.line());
        }
    }

    @Test
    void everyFutexLineHasItsUserStackFrameByFrame() {
        for (Raw r : raw) {
            SyscallEvent e = readByLine.get(r.line());
            assertEquals(r.frames(), sink.stacks.get(e.header().stackId()), "line " + r.line());
        }
    }

    @Test
    void theMutexsWaitsAndWakesAreNamedByGlibcsLockFunctions() {
        // glibc's pthread_mutex_lock waits in __lll_lock_wait (FUTEX_WAIT_PRIVATE, val 2) and
        // pthread_mutex_unlock wakes in __lll_lock_wake; Debian's libc keeps no frame pointers,
        // so the walk goes on at the thread's start (the workload's frames are skipped)
        List<Raw> enters = raw.stream().filter(Raw::enter).toList();
        Set<Long> words = new HashSet<>();
        int named = 0;
        for (Raw r : enters) {
            long op = r.args().get("op");
            if (op != FUTEX_WAIT_PRIVATE && op != FUTEX_WAKE_PRIVATE) {
                continue;
            }
            words.add(r.args().get("uaddr"));
            List<Frame> frames = sink.stacks.get(readByLine.get(r.line()).header().stackId());
            if (frames.get(0).symbol() == null) {
                continue;
            }
            named++;
            assertEquals(op == FUTEX_WAIT_PRIVATE ? "__GI___lll_lock_wait" : "__lll_lock_wake",
                    frames.get(0).symbol(), "line " + r.line());
            assertEquals(LIBC, frames.get(0).module());
            // the workload's threads, and its main thread taking the mutex to stop them
            assertEquals(r.pid() == r.tid() ? "__libc_start_call_main" : "start_thread",
                    frames.get(frames.size() - 1).symbol(), "line " + r.line());
            if (op == FUTEX_WAIT_PRIVATE) {
                assertEquals(2L, r.args().get("val"), "a waiter sets the word to 2: contended");
            }
        }
        assertEquals(1, words.size(), "one mutex");
        assertTrue(named > 300, named + " named");
    }

    @Test
    void exitsReturnWhatTheCallDid() {
        // in time order (bpftrace prints each CPU's buffer in turn) each thread's futex lines
        // alternate enter, exit; a wake returns the threads woken (at most one for a mutex), a
        // wait 0 (woken) or -EAGAIN (the word changed first)
        Map<Integer, Raw> open = new HashMap<>();
        int waits = 0;
        for (Raw r : raw.stream().sorted(Comparator.comparingLong(Raw::ts)).toList()) {
            if (r.enter()) {
                assertEquals(null, open.put(r.tid(), r), "line " + r.line());
                continue;
            }
            Raw enter = open.remove(r.tid());
            if (enter == null) {
                continue; // the thread's enter came before bpftrace attached
            }
            long op = enter.args().get("op");
            SyscallEvent exit = readByLine.get(r.line());
            if (op == FUTEX_WAKE_PRIVATE) {
                assertTrue(exit.ret() == 0 || exit.ret() == 1, "line " + r.line());
            } else if (op == FUTEX_WAIT_PRIVATE) {
                assertTrue(exit.ret() == 0 || exit.ret() == -11, "line " + r.line());
                waits++;
            }
        }
        assertTrue(waits > 100, waits + " waits");
    }

    private static List<Raw> rawFutexLines(List<String> lines) {
        List<Raw> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EVENT.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            boolean enter = m.group(6).equals("enter");
            Map<String, Long> args = new LinkedHashMap<>();
            Long ret = null;
            if (enter) {
                Matcher a = ARGS.matcher(m.group(7));
                assertTrue(a.matches(), lines.get(i));
                for (int k = 0; k < ARG_NAMES.size(); k++) {
                    args.put(ARG_NAMES.get(k), Long.parseUnsignedLong(a.group(k + 1), 16));
                }
            } else {
                assertTrue(m.group(7).startsWith("0x"), lines.get(i));
                ret = Long.parseUnsignedLong(m.group(7).substring(2), 16);
            }
            List<Frame> frames = new ArrayList<>();
            for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                Matcher f = NAMED.matcher(lines.get(j));
                Matcher u = UNNAMED.matcher(lines.get(j));
                if (f.matches()) {
                    frames.add(new Frame(f.group(1), f.group(2), Long.parseLong(f.group(3)),
                            f.group(4)));
                } else {
                    assertTrue(u.matches() && u.group(1).equals(u.group(2)), lines.get(j));
                    frames.add(new Frame(u.group(1), null, 0, null));
                }
            }
            long ts = Long.parseLong(m.group(4)) * 1_000_000_000L + Long.parseLong(m.group(5));
            out.add(new Raw(i + 1, ts, Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), enter, args, ret, frames));
        }
        return out;
    }
}
