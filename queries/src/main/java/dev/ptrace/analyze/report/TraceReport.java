package dev.ptrace.analyze.report;

import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Finding;
import java.util.List;

/**
 * Everything the report says about one trace, computed once ({@link TraceReports}): the text,
 * Markdown, JSON and HTML reports only render it.
 *
 * @param waits     perf lock contention's rows by caller, of the whole trace or of
 *                  {@code pid}/{@code tid} when given
 * @param coverage  how much of each lock's waiting has a known blocker, and a holder
 * @param cells     where the waiting went: waiter activity against the root's hold
 */
public record TraceReport(int traceId, Overview overview, List<Finding> findings,
                          List<EventCount> eventsByName, List<OutputCount> otherOutput,
                          List<Skipped> skipped, List<Unmatched> unmatched,
                          PerfLockContention.Result waits, Integer pid, Integer tid,
                          List<Coverage> coverage, List<Attribution.Cell> cells,
                          List<Inversion> inversions, List<Chain> chains) {

    /** What was ingested: the traces row with its threads and processes. */
    public record Overview(String source, String format, String osRelease, int nrcpus,
                           long events, long lines, long stacks, long threads, long processes,
                           Long firstTs, long lastTs, long spanNs, long skippedLines,
                           long lostEvents, long records, String kernelSymbols,
                           String unnamedFrames) {
        /** A binary capture (perf.data): records where text has lines. */
        public boolean binary() {
            return records > 0;
        }
    }

    /** Events of one name, in the table that holds them. */
    public record EventCount(long events, String event, String table) {
    }

    /** bpftrace's maps, histograms and text lines, by what they are. */
    public record OutputCount(long n, String what) {
    }

    /** Lines skipped for one reason; the first one's line number when known. */
    public record Skipped(long lines, String reason, Long firstLine) {
    }

    /** What the analysis could not match in the trace, and what that means for the figures. */
    public record Unmatched(long n, String what, Long ns, String meaning) {
    }

    /**
     * A lock's waiting: in all, with a known blocker, held by that blocker, and held by it in
     * a hold the trace shows exactly.
     */
    public record Coverage(String lock, long waitNs, long knownNs, long holderNs,
                           long exactHolderNs) {
    }
}
