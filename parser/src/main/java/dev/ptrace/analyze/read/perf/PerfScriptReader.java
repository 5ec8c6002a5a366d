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
 * Reads {@code perf script} text: an optional {@code --header} block, then events, each a
 * {@link PerfHeaderLine} followed by its callchain ({@link PerfFrameLine}s, leaf first) and a
 * blank line; {@link PerfEventAssembler} turns them into events.
 */
public final class PerfScriptReader implements TraceReader {
    private static final String EXPECTED_HEADER = "expected a perf script event line "
            + "'COMM TID [CPU] SECS.USECS: [PERIOD] EVENT: PAYLOAD'";

    @Override
    public void read(LineSource in, EventSink sink, ProblemLog problems) {
        PerfEventAssembler events = new PerfEventAssembler(sink, problems,
                new StackInterner(sink));
        Map<String, String> header = new LinkedHashMap<>();
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
            } else if (first == ' ' && events.inEvent()
                    && PerfFrameLine.parse(in.text()) != null) {
                events.frameLine(in);
            } else {
                events.finish();
                PerfHeaderLine h = PerfHeaderLine.parse(in.text());
                if (h == null) {
                    problems.skip(in.lineNumber(), SkipReason.MALFORMED_EVENT_LINE, EXPECTED_HEADER, in.text());
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
}
