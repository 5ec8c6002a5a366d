package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.format.RawEvent;
import java.io.IOException;

/**
 * One CPU's events in the order the kernel wrote them, a page at a time, with one event looked
 * at ahead. A page that does not hold together is counted and skipped; data that cannot be
 * read on (a cut file, damaged compression) ends the CPU's events there.
 */
final class CpuStream {
    private final int cpu;
    private final CpuPages pages;
    private final RingBufferPage page;
    private final ProblemLog problems;
    private CpuPages.Page current;
    private TraceRecord next;
    private boolean ended;

    CpuStream(int cpu, CpuPages pages, RingBufferPage page, ProblemLog problems) {
        this.cpu = cpu;
        this.pages = pages;
        this.page = page;
        this.problems = problems;
    }

    /** The next event, left in place; null after the last. */
    TraceRecord peek() throws IOException {
        if (next == null && !ended) {
            next = read();
        }
        return next;
    }

    /** The next event, moved past; null after the last. */
    TraceRecord take() throws IOException {
        TraceRecord r = peek();
        next = null;
        return r;
    }

    private TraceRecord read() throws IOException {
        while (true) {
            if (current != null && nextOnPage()) {
                return new TraceRecord(cpu, page.time(), new RawEvent(current.bytes(),
                        page.start(), page.eventSize()),
                        current.fileOffset(page.entryOffset()), page.missed());
            }
            try {
                current = pages.next();
            } catch (TraceDatException e) {
                problems.skip(e.offset(), e.reason(), e.getMessage(), null);
                current = null;
            }
            if (current == null) {
                ended = true;
                return null;
            }
            try {
                page.load(current.bytes());
            } catch (TraceDatException e) {
                damaged(e);
            }
        }
    }

    private boolean nextOnPage() {
        try {
            return page.next();
        } catch (TraceDatException e) {
            damaged(e);
            return false;
        }
    }

    /** The rest of the current page is given up. */
    private void damaged(TraceDatException e) {
        problems.skip(current.fileOffset(Math.toIntExact(e.offset())), e.reason(), "CPU " + cpu
                + ": " + e.getMessage() + "; the rest of the page is skipped", null);
        current = null;
    }
}
