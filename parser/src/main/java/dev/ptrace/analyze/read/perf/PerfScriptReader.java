package dev.ptrace.analyze.read.perf;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.StackInterner;
import dev.ptrace.analyze.read.TraceReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code perf script} text in any layout of its -F fields: an optional {@code --header}
 * block, then events, each a {@link PerfHeaderLine} followed by its callchain
 * ({@link PerfFrameLine}s, leaf first) and a blank line, or by none (the sampled address on the
 * event line); {@link PerfEventAssembler} turns them into events.
 */
public final class PerfScriptReader implements TraceReader {
    private static final String EXPECTED_HEADER = "expected a perf script event line "
            + "'[COMM] [PID/]TID [[CPU]] [SECS.USECS:] [PERIOD] EVENT: [PAYLOAD]' (a time or a "
            + "thread id at least)";

    @Override
    public void read(LineSource in, EventSink sink, ProblemLog problems) {
        PerfEventAssembler events = new PerfEventAssembler(sink, problems,
                new StackInterner(sink));
        Map<String, String> header = new LinkedHashMap<>();
        TimeLayout layout = new TimeLayout();
        boolean inHeaderBlock = true;
        while (in.advance()) {
            int first = in.length() == 0 ? -1 : in.byteAt(0);
            if (first == '#') {
                if (inHeaderBlock) {
                    PerfHeaderBlock.read(in.text(), header);
                }
                continue;
            }
            if (inHeaderBlock) {
                header.forEach(sink::metadata);
                inHeaderBlock = false;
            }
            if (first == '\t') {
                events.frameLine(in);
            } else if (first == -1 || ((first == ' ' || first == '\r') && in.text().isBlank())) {
                events.finish();
            } else {
                // a line led by blanks is an event line when it reads as one (perf right-aligns
                // the name, or the tid without it), else a frame line of the event
                PerfHeaderLine h = PerfHeaderLine.parse(in.text());
                if (h == null && first == ' ' && events.inEvent()
                        && PerfFrameLine.parse(in.text()) != null) {
                    events.frameLine(in);
                    continue;
                }
                events.finish();
                String expected = h == null ? EXPECTED_HEADER : layout.expected(h);
                if (expected != null) {
                    problems.skip(in.lineNumber(), SkipReason.MALFORMED_EVENT_LINE, expected,
                            in.text());
                    events.skipFramesFrom(in.lineNumber() + 1);
                } else {
                    events.start(h, in.lineNumber());
                }
            }
        }
        if (inHeaderBlock) {
            header.forEach(sink::metadata);
        }
        events.end();
    }

    /**
     * Whether the text prints times, as its first event line says: a later line that disagrees
     * is damaged (a time cut off), not another layout, and would leave the trace half timed.
     */
    private static final class TimeLayout {
        private Boolean timed;

        /** What was expected of {@code h}, or null when it agrees with the lines before. */
        String expected(PerfHeaderLine h) {
            if (timed == null) {
                timed = h.timed();
            }
            if (timed == h.timed()) {
                return null;
            }
            return "expected a perf script event line " + (timed ? "with" : "without")
                    + " a time, as the event lines before it";
        }
    }
}
