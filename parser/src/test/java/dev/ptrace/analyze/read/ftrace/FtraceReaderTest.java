package dev.ptrace.analyze.read.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.SchedSwitch;
import dev.ptrace.analyze.event.SyscallEvent;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.TraceInput;
import dev.ptrace.analyze.testing.TestData.CollectingSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ftrace reader on small inline traces, one quirk each. */
class FtraceReaderTest {
    private static final String HEADER = """
            # tracer: nop
            #
            # entries-in-buffer/entries-written: 5/9   #P:2
            #
            #           TASK-PID       TGID    CPU#  |||||  TIMESTAMP  FUNCTION
            #              | |           |       |   |||||     |         |
            """;

    private static CollectingSink read(String text, ProblemLog problems) {
        LineSource in = TraceInput.open("t.txt",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        CollectingSink sink = new CollectingSink();
        new FtraceReader().read(in, sink, problems);
        sink.events.sort(Comparator.comparingLong(e -> e.header().seq()));
        return sink;
    }

    private static CollectingSink read(String text) {
        return read(text, new ProblemLog("t.txt", true));
    }

    @Test
    void stackTraceAttachesToTheEventBeforeItOnTheSameCpu() {
        // real lines of ftrace-madvise-stacks: CPU 0's begin comes between CPU 1's end and
        // the stack trace of that end
        CollectingSink sink = read(HEADER + """
                              wl-21636   (  21634) [001] d..3.  9982.424693: contention_end: 00000000bbf0df3b (ret=0)
                              wl-21637   (  21634) [000] d..1.  9982.424696: contention_begin: 00000000bbf0df3b (flags=SPIN)
                              wl-21636   (  21634) [001] d..3.  9982.424696: <stack trace>
                 => trace_event_raw_event_contention_end
                 => __pv_queued_spin_lock_slowpath
                 => _raw_spin_lock_irqsave
                              wl-21637   (  21634) [000] d..1.  9982.424700: <stack trace>
                 => trace_event_raw_event_contention_begin
                 => __pv_queued_spin_lock_slowpath
                 => _raw_spin_lock_irqsave
                 => folio_lruvec_lock_irqsave
                """);
        assertEquals(2, sink.events.size());
        LockContention end = assertInstanceOf(LockContention.class, sink.events.get(0));
        LockContention begin = assertInstanceOf(LockContention.class, sink.events.get(1));
        assertEquals(21634, end.header().pid());
        List<Frame> endStack = sink.stacks.get(end.header().stackId());
        List<Frame> beginStack = sink.stacks.get(begin.header().stackId());
        // the tracing machinery's frame on top is left out, as perf's callchains start below it
        assertEquals(List.of("__pv_queued_spin_lock_slowpath", "_raw_spin_lock_irqsave"),
                endStack.stream().map(Frame::symbol).toList());
        assertEquals("folio_lruvec_lock_irqsave", beginStack.get(2).symbol());
    }

    @Test
    void userStackTraceFollowsTheKernelFrames() {
        CollectingSink sink = read(HEADER + """
                              wl-1   (      1) [000] .....  1.000001: contention_end: 0000000000000001 (ret=0)
                              wl-1   (      1) [000] .....  1.000002: <stack trace>
                 => __pv_queued_spin_lock_slowpath
                              wl-1   (      1) [000] .....  1.000003: <user stack trace>
                 => <00007f58590f2ad7>
                """);
        List<Frame> stack = sink.stacks.get(sink.events.get(0).header().stackId());
        assertEquals(2, stack.size());
        assertEquals("[kernel.kallsyms]", stack.get(0).module());
        assertEquals(new Frame("7f58590f2ad7", null, 0, null), stack.get(1));
    }

    @Test
    void syscallsInFtraceSyntaxBecomeEnterAndExit() {
        CollectingSink sink = read(HEADER + """
                              wl-21635   (  21634) [000] .....  9982.423227: sys_madvise(start: 0x7fe8bf800000, len_in: 0x200000, behavior: 4)
                              wl-21635   (  21634) [000] .....  9982.423357: sys_madvise -> 0x0
                """);
        SyscallEvent enter = assertInstanceOf(SyscallEvent.class, sink.events.get(0));
        SyscallEvent exit = assertInstanceOf(SyscallEvent.class, sink.events.get(1));
        assertEquals("sys_enter_madvise", enter.header().event());
        assertEquals(4L, enter.args().get("behavior"));
        assertEquals(0x200000L, enter.args().get("len_in"));
        assertEquals("sys_exit_madvise", exit.header().event());
        assertEquals(0L, exit.ret());
    }

    @Test
    void lostEventsComeFromTheHeaderAndFromLostLines() {
        ProblemLog problems = new ProblemLog("t.txt", false);
        CollectingSink sink = read(HEADER + """
                              wl-1   (      1) [000] .....  1.000001: contention_end: 0000000000000001 (ret=0)
                CPU:1 [LOST 7 EVENTS]
                """, problems);
        assertEquals("11", sink.metadata.get(TraceFacts.LOST_EVENTS));
        assertEquals("2", sink.metadata.get(TraceFacts.NRCPUS));
        assertEquals(0, problems.skippedLines());
    }

    @Test
    void traceCmdPreambleAndSchedSwitchLayout() {
        CollectingSink sink = read("""
                cpus=2
                            bash-9644  [000]  1972.314539: sched_switch:         bash:9644 [120] R ==> memfd:sealed-91:1458 [120]
                """);
        assertEquals("2", sink.metadata.get(TraceFacts.NRCPUS));
        SchedSwitch s = assertInstanceOf(SchedSwitch.class, sink.events.get(0));
        assertEquals(new SchedSwitch(s.header(), "bash", 9644, 120, "R", "memfd:sealed-91",
                1458, 120), s);
        assertEquals(-1, s.header().pid());
    }

    @Test
    void eventsWithoutTypedTableKeepTheirArguments() {
        CollectingSink sink = read(HEADER + """
                              wl-21640   (  21640) [001] .....  9982.526352: alloc_vmap_area: va_start: 18446683600631627776 size=20480 align=16384 failed=0
                """);
        OtherEvent o = assertInstanceOf(OtherEvent.class, sink.events.get(0));
        assertEquals("alloc_vmap_area", o.header().event());
        assertEquals("18446683600631627776", o.args().get("va_start"));
        assertEquals("20480", o.args().get("size"));
    }

    @Test
    void stackTraceWithoutEventIsSkippedAndCounted() {
        ProblemLog problems = new ProblemLog("t.txt", false);
        CollectingSink sink = read(HEADER + """
                              wl-1   (      1) [001] .....  1.000002: <stack trace>
                 => __pv_queued_spin_lock_slowpath
                """, problems);
        assertTrue(sink.events.isEmpty());
        assertEquals(1L, problems.counts().get(SkipReason.STACK_TRACE_WITHOUT_EVENT));
        assertEquals(1L, problems.counts().get(SkipReason.STACK_LINE_WITHOUT_STACK_TRACE));
    }

    @Test
    void eventsKeepInputOrderInSeq() {
        CollectingSink sink = read(HEADER + """
                              a-1   (      1) [001] .....  1.000001: x: a=1
                              b-2   (      2) [000] .....  1.000002: x: a=2
                              c-3   (      3) [001] .....  1.000003: x: a=3
                """);
        assertEquals(List.of(1, 2, 3), sink.events.stream().map(TraceEvent::header)
                .map(EventHeader::tid).toList());
        assertEquals(List.of(0L, 1L, 2L), sink.events.stream().map(TraceEvent::header)
                .map(EventHeader::seq).toList());
        assertEquals(EventHeader.NO_STACK, sink.events.get(0).header().stackId());
    }
}
