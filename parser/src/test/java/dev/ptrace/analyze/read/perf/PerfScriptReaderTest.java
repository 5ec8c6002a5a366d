package dev.ptrace.analyze.read.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.MmapLockEvent;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.Sample;
import dev.ptrace.analyze.event.SchedSwitch;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.TraceInput;
import dev.ptrace.analyze.testing.TestData.CollectingSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reader on small inline traces, one quirk each; real-trace tests are in the store tests. */
class PerfScriptReaderTest {
    private static final String BEGIN = """
            wl 16375 [000]  9971.143376:                lock:contention_begin: 0xffff88810006d838 (flags=WRITE)
            \tffffffff8226a37c rwsem_down_write_slowpath+0x3cc ([kernel.kallsyms])
            \tffffffff8226a7ac down_write_killable+0x5c ([kernel.kallsyms])
            \tffffffff8160f709 do_mprotect_pkey+0x159 ([kernel.kallsyms])

            """;

    private static CollectingSink read(String text, ProblemLog problems) {
        LineSource in = TraceInput.open("t.txt",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        CollectingSink sink = new CollectingSink();
        new PerfScriptReader().read(in, sink, problems);
        return sink;
    }

    private static CollectingSink read(String text) {
        return read(text, new ProblemLog("t.txt", true));
    }

    @Test
    void eventWithCallchainGetsItsStackLeafFirst() {
        CollectingSink sink = read(BEGIN);
        LockContention e = assertInstanceOf(LockContention.class, sink.events.get(0));
        assertTrue(e.begin());
        assertEquals("0xffff88810006d838", e.lockAddr());
        assertEquals(4, e.flags());
        assertEquals(1, e.header().line());
        assertEquals("rwsem_down_write_slowpath", sink.stacks.get(e.header().stackId()).get(0)
                .symbol());
        assertEquals(3, sink.stacks.get(e.header().stackId()).size());
    }

    @Test
    void identicalCallchainsAreStoredOnce() {
        CollectingSink sink = read(BEGIN + BEGIN);
        assertEquals(2, sink.events.size());
        assertEquals(1, sink.stacks.size());
        assertEquals(sink.events.get(0).header().stackId(), sink.events.get(1).header().stackId());
        assertEquals(0, sink.events.get(0).header().seq());
        assertEquals(1, sink.events.get(1).header().seq());
        assertEquals(6, sink.events.get(1).header().line());
    }

    @Test
    void eventsWithoutCallchainsNeedNoBlankLines() {
        CollectingSink sink = read("""
                wl 16371 [000]  9970.176447: sched:sched_switch: prev_comm=wl prev_pid=16371 prev_prio=120 prev_state=D ==> next_comm=wl next_pid=16374 next_prio=120
                wl 16371 [000]  9970.176489: lock:contention_end: 0xffff88810006d838 (ret=0)
                """);
        assertEquals(2, sink.events.size());
        SchedSwitch s = assertInstanceOf(SchedSwitch.class, sink.events.get(0));
        assertEquals("D", s.prevState());
        assertEquals(EventHeader.NO_STACK, s.header().stackId());
    }

    @Test
    void sampleWithoutCallchainTakesItsIpFromTheEventLine() {
        CollectingSink sink = read("wl 42 1.000000:     250000 cpu-clock:  ffffffff8158ecd0 "
                + "perf_swevent_event+0x160 ([kernel.kallsyms])\n");
        Sample s = assertInstanceOf(Sample.class, sink.events.get(0));
        assertEquals(250000, s.period());
        assertEquals("perf_swevent_event", sink.stacks.get(s.header().stackId()).get(0).symbol());
    }

    @Test
    void headerBlockBecomesMetadata() {
        CollectingSink sink = read("""
                # ========
                # captured on    : Sun Nov 22 18:28:25 2026
                # os release : 6.18.44-fc-v769
                # nrcpus online : 2
                # event : name = lock:contention_begin, , id = { 1 }
                # event : name = lock:contention_end, , id = { 2 }
                # ========
                #
                """ + BEGIN);
        assertEquals("6.18.44-fc-v769", sink.metadata.get("os release"));
        assertEquals("2", sink.metadata.get("nrcpus online"));
        assertEquals("name = lock:contention_end, , id = { 2 }", sink.metadata.get("event 2"));
        assertEquals("6", sink.metadata.get("timestamp digits"));
        assertEquals(1, sink.events.size());
    }

    @Test
    void unknownTracepointKeepsPayloadAndKeyValues() {
        CollectingSink sink = read("wl 7 [001] 5.000001: vmalloc:alloc_vmap_area: addr=0xffffc900 "
                + "size=16384 align=16384\n");
        OtherEvent o = assertInstanceOf(OtherEvent.class, sink.events.get(0));
        assertEquals("16384", o.args().get("size"));
        assertEquals("vmalloc:alloc_vmap_area", o.header().event());
    }

    @Test
    void malformedEventLineIsSkippedWithItsCallchainAndCounted() {
        ProblemLog problems = new ProblemLog("t.txt", false);
        String bad = """
                wl 16375 [000] 1.000000 lock:contention_begin: 0xffff88810006d838 (flags=WRITE)
                \tffffffff8226a37c rwsem_down_write_slowpath+0x3cc ([kernel.kallsyms])
                \tffffffff8226a7ac down_write_killable+0x5c ([kernel.kallsyms])

                """;
        CollectingSink sink = read(bad + BEGIN, problems);
        assertEquals(1, sink.events.size());
        assertEquals(3, problems.skippedLines());
        assertEquals(1L, problems.counts().get(SkipReason.MALFORMED_EVENT_LINE));
        assertEquals(2L, problems.counts().get(SkipReason.CALLCHAIN_OF_SKIPPED_EVENT));
        assertEquals(1, problems.examples().get(0).line());
        assertEquals(5, sink.events.get(0).header().line());
    }

    @Test
    void strictModeStopsAtTheFirstMalformedLineNamingFileAndLine() {
        InputException e = assertThrows(InputException.class, () -> read(BEGIN
                + "wl 16375 [000] 1.000000 lock:contention_begin: 0xffff (flags=WRITE)\n"));
        assertEquals(6, e.line());
        assertTrue(e.where().startsWith("t.txt:6: expected a perf script event line"),
                e.where());
    }

    @Test
    void malformedPayloadOfTypedTracepointIsSkipped() {
        ProblemLog problems = new ProblemLog("t.txt", false);
        CollectingSink sink = read("wl 1 [000] 1.000000: lock:contention_begin: 0xffff "
                + "(flags=BOGUS)\n", problems);
        assertEquals(0, sink.events.size());
        assertEquals(1L, problems.counts().get(SkipReason.MALFORMED_PAYLOAD));
    }

    @Test
    void malformedFrameIsSkippedEachTimeItsStackRecurs() {
        ProblemLog problems = new ProblemLog("t.txt", false);
        String event = """
                wl 1 [000] 1.000000: lock:contention_end: 0xffff (ret=0)
                \tffffffff8226a37c rwsem_down_write_slowpath+0x3cc ([kernel.kallsyms])
                \tthis is not a frame

                """;
        CollectingSink sink = read(event + event, problems);
        assertEquals(2, sink.events.size());
        assertEquals(2L, problems.counts().get(SkipReason.MALFORMED_CALLCHAIN_LINE));
        assertEquals(1, sink.stacks.values().iterator().next().size());
    }

    @Test
    void tracepointPrintedWithoutTraceFieldOrTimeIsAnOtherEventWithoutTime() {
        CollectingSink sink = read("""
                wl  9856    mmap_lock:mmap_lock_start_locking:\s
                \tffffffff815f9cfb __mmap_lock_do_trace_start_locking ([kernel.kallsyms])

                """);
        assertEquals(1, sink.events.size());
        OtherEvent e = (OtherEvent) sink.events.get(0);
        assertEquals("", e.payload());
        assertFalse(e.header().timed());
        assertEquals(0L, e.header().stackId());
        assertNull(sink.metadata.get("timestamp digits"));
    }

    @Test
    void sampleWithoutPeriodIsASampleAndTracepointWithPeriodIsATracepoint() {
        CollectingSink sink = read("""
                wl  9856  2207.814250:          1   lock:contention_end: 0xffff (ret=0)
                wl  9856  2207.814783:                 cpu-clock:\s
                \t    7f22459a3b70 [unknown] (/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2)

                """);
        assertEquals(2, sink.events.size());
        assertTrue(sink.events.get(0) instanceof LockContention, sink.events.toString());
        assertEquals(-1, ((Sample) sink.events.get(1)).period());
    }

    @Test
    void addressPrintedOnTheEventLineIsTheStackAndIsCounted() {
        CollectingSink sink = read("wl  9856  2207.814250:          1  "
                + "mmap_lock:mmap_lock_released: mm=0xffff888100068000 memcg_id=2807 write=true"
                + "  ffffffff815f9d8b "
                + "__mmap_lock_do_trace_released ([kernel.kallsyms])\n");
        assertEquals(1, sink.events.size());
        MmapLockEvent e = (MmapLockEvent) sink.events.get(0);
        assertEquals("0xffff888100068000", e.mm());
        assertEquals("__mmap_lock_do_trace_released",
                sink.stacks.get(e.header().stackId()).get(0).symbol());
        assertEquals("1", sink.metadata.get("stacks on the event line"));
    }
}
