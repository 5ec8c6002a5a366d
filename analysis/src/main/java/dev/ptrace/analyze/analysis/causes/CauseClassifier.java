package dev.ptrace.analyze.analysis.causes;

import dev.ptrace.analyze.event.Frame;
import java.util.List;

/**
 * Classifies what a thread was doing from the best evidence there is: its stack (a perf
 * callchain, an ftrace stack trace, a bpftrace kstack: all frames, leaf first), else the
 * syscall it was in. Among the frames that match, the lowest priority wins, then the frame
 * nearest the leaf.
 */
public final class CauseClassifier {
    private final CauseTaxonomy taxonomy;

    public CauseClassifier(CauseTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public Cause classify(List<Frame> frames, String syscall) {
        CauseTaxonomy.Entry best = null;
        String matched = null;
        for (Frame f : frames) {
            CauseTaxonomy.Entry e = taxonomy.function(f.symbol());
            if (e != null && (best == null || e.priority() < best.priority())) {
                best = e;
                matched = f.symbol();
            }
        }
        if (best != null) {
            return new Cause(best.cause(), "stack", matched);
        }
        CauseTaxonomy.Entry s = taxonomy.syscall(syscall);
        return s == null ? Cause.UNKNOWN : new Cause(s.cause(), "syscall", syscall);
    }

    /**
     * A hold of lock {@code lockName} by a thread in no syscall (and without a stack): what
     * taking that lock outside a syscall means, e.g. mmap_lock in a page fault.
     */
    public Cause classifyOutsideSyscall(String lockName) {
        CauseTaxonomy.Entry e = taxonomy.outsideSyscall(lockName);
        return e == null ? Cause.UNKNOWN : new Cause(e.cause(), "outside syscall", lockName);
    }
}
