package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.RawLines;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.StackInterner;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.format.EventFormat;
import dev.ptrace.analyze.read.format.EventFormats;
import dev.ptrace.analyze.read.format.FormatField;
import dev.ptrace.analyze.read.format.TracepointDecoder;
import dev.ptrace.analyze.read.ftrace.StackTraceFrames;
import dev.ptrace.analyze.read.tracepoint.PayloadException;
import dev.ptrace.analyze.read.tracepoint.TracepointParsers;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The events of a trace.dat in the order trace-cmd report prints them, each as its report
 * line gives it: the CPUs' events merged by time (the lowest CPU first at equal times), the
 * thread named as report names it, the payload decoded by its format (the events trace-cmd's
 * plugins print, by their text), and the kernel_stack records that follow an event on its CPU
 * made its stack, as the text reader attaches them.
 */
final class TraceDatEvents {
    /** A CPU's next event, waiting for its turn. */
    private record Next(TraceRecord record, CpuStream cpu) {
    }

    /** trace-cmd takes the oldest (times compared unsigned), the lowest CPU at equal times. */
    private static final Comparator<Next> BY_TIME = (a, b) -> {
        int byTime = Long.compareUnsigned(a.record().time(), b.record().time());
        return byTime != 0 ? byTime : Integer.compare(a.record().cpu(), b.record().cpu());
    };

    private final EventSink sink;
    private final ProblemLog problems;
    private final EventFormats formats;
    private final Comms comms;
    private final KernelFunctions functions;
    private final TracepointDecoder decoder;
    private final StackInterner stacks;
    private final int longSize;
    private final long timeOffset;
    private final RawLines frames = new RawLines();
    private long seq;
    private long records;
    private long lost;
    private boolean lostKnown;

    TraceDatEvents(EventSink sink, ProblemLog problems, TraceDatLayout layout,
                   KernelFunctions functions, int longSize) {
        this.sink = sink;
        this.problems = problems;
        this.formats = layout.data().formats();
        this.comms = new Comms(layout.data().savedCmdlines());
        this.functions = functions;
        this.decoder = new TracepointDecoder(functions);
        this.stacks = new StackInterner(sink);
        this.longSize = longSize;
        this.timeOffset = layout.timeOffset();
    }

    /** Reads every CPU's events, oldest first. */
    void read(List<CpuStream> cpus) throws IOException {
        PriorityQueue<Next> byTime = new PriorityQueue<>(BY_TIME);
        for (CpuStream s : cpus) {
            queue(byTime, s);
        }
        while (!byTime.isEmpty()) {
            Next next = byTime.poll();
            event(next.record(), next.cpu());
            queue(byTime, next.cpu());
        }
    }

    private static void queue(PriorityQueue<Next> byTime, CpuStream cpu) throws IOException {
        TraceRecord r = cpu.take();
        if (r != null) {
            byTime.add(new Next(r, cpu));
        }
    }

    private void event(TraceRecord r, CpuStream cpu) throws IOException {
        counted(r);
        EventFormat f = formats.byId(r.raw().type());
        if (f == null) {
            problems.skip(r.offset(), SkipReason.UNDECODED_EVENT, "an event whose format the "
                    + "file records, found id " + r.raw().type() + " without one", null);
            return;
        }
        if (TraceCmdText.isKernelStack(f)) {
            problems.skip(r.offset(), SkipReason.STACK_TRACE_WITHOUT_EVENT, "expected an event "
                    + "before this stack trace on CPU " + r.cpu(), null);
            return;
        }
        long stackId = stack(cpu);
        FormatField pidField = f.field("common_pid");
        int pid = pidField == null ? -1 : (int) r.raw().integer(pidField);
        EventHeader h = new EventHeader(seq++, r.offset(), r.time() + timeOffset, r.cpu(),
                EventHeader.UNKNOWN, pid, comms.of(pid), f.name(), stackId);
        TraceEvent e;
        try {
            e = TraceCmdText.printsSched(f)
                    ? TracepointParsers.parse(h, f.name(), TraceCmdText.sched(f, r.raw(), comms))
                    : decoder.decode(h, f, r.raw());
        } catch (PayloadException ex) {
            problems.skip(r.offset(), SkipReason.MALFORMED_PAYLOAD, f.name() + ": "
                    + ex.getMessage(), TraceCmdText.printsSched(f) ? null
                    : decoder.render(f, r.raw()));
            return;
        }
        sink.item(e);
    }

    /** The stack the kernel_stack records right after the event on its CPU make, if any. */
    private long stack(CpuStream cpu) throws IOException {
        frames.clear();
        long offset = -1;
        while (cpu.peek() != null) {
            EventFormat f = formats.byId(cpu.peek().raw().type());
            if (f == null || !TraceCmdText.isKernelStack(f)) {
                break;
            }
            TraceRecord r = cpu.take();
            counted(r);
            offset = offset < 0 ? r.offset() : offset;
            TraceCmdText.stackLines(f, r.raw(), longSize, functions, frames);
        }
        if (frames.isEmpty()) {
            return EventHeader.NO_STACK;
        }
        long at = offset;
        return stacks.intern(frames, () -> StackTraceFrames.parse(frames, (i, line) ->
                problems.skip(at, SkipReason.MALFORMED_STACK_LINE, "expected a stack trace "
                        + "line '=> FUNCTION (ADDRESS)'", line)));
    }

    /** Counts a record read, and the events lost before it as trace-cmd report tells them. */
    private void counted(TraceRecord r) {
        records++;
        if (r.missed() != 0) {
            lostKnown = true;
            lost += Math.max(0, r.missed());
        }
    }

    /** What the capture says of itself, with what the reading found. */
    void finish(Map<String, String> layoutFacts) {
        Map<String, String> facts = new LinkedHashMap<>(layoutFacts);
        facts.put(TraceFacts.TIMESTAMP_DIGITS, "9");
        facts.put(TraceFacts.RECORDS, "ring buffer events " + records);
        if (lostKnown) {
            facts.put(TraceFacts.LOST_EVENTS, Long.toString(lost));
        }
        facts.put(TraceFacts.KERNEL_SYMBOLS, functions.size() == 0 ? "none in the file"
                : "the file's kallsyms (" + functions.size() + " symbols)");
        if (!formats.unreadable().isEmpty()) {
            facts.put(TraceFacts.UNREADABLE_FORMATS, String.join("; ", formats.unreadable()));
        }
        facts.forEach(sink::metadata);
    }

    long records() {
        return records;
    }
}
