package dev.ptrace.analyze.read.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.HistogramBucket;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.MapEntry;
import dev.ptrace.analyze.event.TextLine;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.TraceReader;
import dev.ptrace.analyze.read.TraceInput;
import dev.ptrace.analyze.testing.TestData.CollectingSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bpftrace's text and JSON output, one shape each; lines are what bpftrace 0.17 printed here. */
class BpftraceReaderTest {
    private static CollectingSink read(TraceReader reader, String text) {
        LineSource in = TraceInput.open("b.txt",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        CollectingSink sink = new CollectingSink();
        reader.read(in, sink, new ProblemLog("b.txt", true));
        return sink;
    }

    private static <T> List<T> only(CollectingSink sink, Class<T> type) {
        return sink.others.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void noiseAndPrintfLinesAreKeptAsTextLines() {
        CollectingSink sink = read(new BpftraceReader(), """
                ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. If your program is not loading, you can try "ulimit -l 8192" to fix the problem
                Attaching 1 probe...
                9982766416048 23079 23080 wl lock=0xffff888117dc2498 flags=1 wait_ns=4028
                Lost 12 events
                """);
        assertEquals(List.of("error", "noise", "output", "noise"),
                only(sink, TextLine.class).stream().map(TextLine::kind).toList());
        assertEquals(3, only(sink, TextLine.class).get(2).line());
        assertEquals("12", sink.metadata.get(TraceFacts.LOST_EVENTS));
    }

    @Test
    void scalarKeyedAndStatsMapEntries() {
        CollectingSink sink = read(new BpftraceReader(), """
                Attaching 1 probe...
                @b[1, x]: 1
                @c[wl]: count 1, average 5, total 5
                @neg: -3
                @str: hello
                """);
        assertEquals(List.of(
                new MapEntry(2, "@b", "1, x", -1, 1L, null, null, null, null),
                new MapEntry(3, "@c", "wl", -1, null, null, 1L, 5L, 5L),
                new MapEntry(4, "@neg", null, -1, -3L, null, null, null, null),
                new MapEntry(5, "@str", null, -1, null, "hello", null, null, null)),
                only(sink, MapEntry.class));
    }

    @Test
    void stackKeysSpanLinesAndGoToTheStackTable() {
        CollectingSink sink = read(new BpftraceReader(), """
                Attaching 1 probe...
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock+59
                    try_to_wake_up+536
                ]: 591
                """);
        MapEntry e = only(sink, MapEntry.class).get(0);
        assertEquals(591L, e.value());
        assertEquals(null, e.key());
        assertEquals(List.of(new Frame(null, "__pv_queued_spin_lock_slowpath", 347, null),
                new Frame(null, "_raw_spin_lock", 59, null),
                new Frame(null, "try_to_wake_up", 536, null)), sink.stacks.get(e.stackId()));
    }

    @Test
    void histAndLhistBucketsWithPowerOf1024Bounds() {
        CollectingSink sink = read(new BpftraceReader(), """
                Attaching 1 probe...
                @a:
                [512, 1K)             29 |@@@@@@@@                                            |
                [1M, 2M)               1 |                                                    |

                @h[bpftrace]:
                (..., 0)               2 |@@@@                                                |
                [200, ...)             1 |@@                                                  |
                """);
        assertEquals(List.of(
                new HistogramBucket(3, "@a", null, -1, 512L, 1024L, 29),
                new HistogramBucket(4, "@a", null, -1, 1L << 20, 2L << 20, 1),
                new HistogramBucket(7, "@h", "bpftrace", -1, null, 0L, 2),
                new HistogramBucket(8, "@h", "bpftrace", -1, 200L, null, 1)),
                only(sink, HistogramBucket.class));
    }

    /** Lines shaped like buckets whose bounds or count are no numbers are kept as text. */
    @Test
    void aBucketLineWithAnEmptyBoundOrACountTooLargeEndsTheHistogramAsText() {
        CollectingSink sink = read(new BpftraceReader(), """
                @a:
                [16, 32)               5 |                                                   |
                [ , 64)                0 |                                                    |
                [64, 128)              99999999999999999999 |                              |
                [8E, 16E)              1 |                                                    |
                Lost 99999999999999999999 events
                """);
        assertEquals(List.of(new HistogramBucket(2, "@a", null, -1, 16L, 32L, 5)),
                only(sink, HistogramBucket.class));
        assertEquals(List.of("[ , 64)", "[64, 128)", "[8E, 16E)", "Lost 9999"),
                only(sink, TextLine.class).stream().map(t -> t.text().substring(0,
                        Math.min(9, t.text().length())).strip()).toList());
    }

    @Test
    void printfLinesInPerfScriptShapeBecomeTypedEventsWithStacks() {
        // what scripts/bpftrace/locks.bt prints: perf's event line, then kstack(perf)
        CollectingSink sink = read(new BpftraceReader(), """
                Attaching 12 probes...
                wl 23079/23080 [001] 9982.766416048: lock:contention_begin: 0xffff888117dc2498 (flags=0x1)
                \tffffffff8226f2fe __pv_queued_spin_lock_slowpath+347
                \tffffffff8226e58d _raw_spin_lock_irqsave+77

                wl 23079/23080 [001] 9982.766420076: lock:contention_end: 0xffff888117dc2498 (ret=0)
                """);
        LockContention begin = assertInstanceOf(LockContention.class, sink.events.get(0));
        assertEquals(23079, begin.header().pid());
        assertEquals(23080, begin.header().tid());
        assertEquals(9_982_766_416_048L, begin.header().ts());
        assertEquals(1, begin.flags());
        assertEquals(new Frame("ffffffff8226f2fe", "__pv_queued_spin_lock_slowpath", 347, null),
                sink.stacks.get(begin.header().stackId()).get(0));
        assertEquals(2, sink.events.size());
    }

    @Test
    void jsonRecordsOfEveryType() {
        CollectingSink sink = read(new BpftraceJsonReader(), """
                ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace.
                {"type": "attached_probes", "data": {"probes": 1}}
                {"type": "printf", "data": "x 1\\n"}
                {"type": "hist", "data": {"@a": [{"min": 4, "max": 7, "count": 1}, {"min": 1024, "max": 2047, "count": 1}]}}
                {"type": "map", "data": {"@b": {"1,x": 1}}}
                {"type": "stats", "data": {"@c": {"wl": {"count": 1, "average": 5, "total": 5}}}}
                {"type": "hist", "data": {"@h": {"bpftrace": [{"min": 0, "max": 9, "count": 1}]}}}
                {"type": "map", "data": {"@s": 7}}
                {"type": "map", "data": {"@st": {"\\n    _raw_spin_lock+59\\n    try_to_wake_up+536\\n": 1}}}
                {"type": "lost_events", "data": {"events": 3}}
                """);
        assertEquals(List.of(
                new HistogramBucket(4, "@a", null, -1, 4L, 8L, 1),
                new HistogramBucket(4, "@a", null, -1, 1024L, 2048L, 1),
                new HistogramBucket(7, "@h", "bpftrace", -1, 0L, 10L, 1)),
                only(sink, HistogramBucket.class));
        List<MapEntry> maps = only(sink, MapEntry.class);
        assertEquals(new MapEntry(5, "@b", "1,x", -1, 1L, null, null, null, null), maps.get(0));
        assertEquals(new MapEntry(6, "@c", "wl", -1, null, null, 1L, 5L, 5L), maps.get(1));
        assertEquals(new MapEntry(8, "@s", null, -1, 7L, null, null, null, null), maps.get(2));
        assertEquals(List.of("_raw_spin_lock", "try_to_wake_up"), sink.stacks
                .get(maps.get(3).stackId()).stream().map(Frame::symbol).toList());
        assertEquals(List.of("error", "noise", "output"),
                only(sink, TextLine.class).stream().map(TextLine::kind).toList());
        assertEquals("3", sink.metadata.get(TraceFacts.LOST_EVENTS));
    }
}
