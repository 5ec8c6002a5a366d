package dev.ptrace.analyze.read;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.SinkItem;
import dev.ptrace.analyze.event.TraceEvent;
import java.util.List;

/**
 * Keeps one trace to one capture. Files get concatenated (two runs, two machines): the second
 * capture's clock has nothing to do with the first, and reading on would pair a wait of one with
 * a release of the other. A capture ends where time goes back by more than {@link #CLOCK_SLACK}
 * or where a capture's first line (a header) comes after events; later events are not passed
 * on and the rest of the input is counted as skipped. Smaller steps back are events printed out
 * of order (bpftrace's per-CPU buffers, perf --no-ordering): kept, and counted.
 */
public final class CaptureContinuity implements EventSink {
    /** No capture tool prints its events this far out of order. */
    static final long CLOCK_SLACK = 1_000_000_000L;
    private final EventSink target;
    private final LineSource in;
    private long latestTs = Long.MIN_VALUE;
    private long previousLine;
    private long outOfOrder;

    /**
     * {@code in} must report to a {@link ProblemLog}: the end of a capture is said there, where
     * the source sees it and skips the rest.
     */
    public CaptureContinuity(EventSink target, LineSource in) {
        this.target = target;
        this.in = in;
    }

    /** Events whose time is before an event printed earlier (within the slack). */
    public long eventsOutOfOrder() {
        return outOfOrder;
    }

    @Override
    public void item(SinkItem item) {
        if (item instanceof TraceEvent e && !sameCapture(e.header())) {
            return;
        }
        target.item(item);
    }

    private boolean sameCapture(EventHeader h) {
        ProblemLog problems = in.problems();
        if (problems.captureEnded()) {
            return h.line() < problems.captureEnd();
        }
        long header = in.captureStart();
        if (previousLine > 0 && header > previousLine && header < h.line()) {
            problems.captureEnds(header, "events of one capture, found the first line of "
                    + "another capture after them (split the file and ingest each part)");
            return false;
        }
        previousLine = Math.max(previousLine, h.line());
        if (!h.timed()) {
            return true;
        }
        if (latestTs != Long.MIN_VALUE && h.ts() < latestTs - CLOCK_SLACK) {
            problems.captureEnds(h.line(), "time going on, found it going back from "
                    + seconds(latestTs) + " s to " + seconds(h.ts()) + " s: another capture "
                    + "starts here (split the file and ingest each part)");
            return false;
        }
        if (h.ts() < latestTs) {
            outOfOrder++;
        }
        latestTs = Math.max(latestTs, h.ts());
        return true;
    }

    private static String seconds(long ns) {
        return String.format(java.util.Locale.ROOT, "%d.%06d", Math.floorDiv(ns, 1_000_000_000L),
                Math.floorMod(ns, 1_000_000_000L) / 1000);
    }

    @Override
    public void stack(long stackId, List<Frame> frames) {
        target.stack(stackId, frames);
    }

    @Override
    public void metadata(String key, String value) {
        target.metadata(key, value);
    }
}
