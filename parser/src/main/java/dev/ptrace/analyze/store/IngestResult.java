package dev.ptrace.analyze.store;

import dev.ptrace.analyze.read.Problem;
import dev.ptrace.analyze.read.SkipReason;
import java.util.List;
import java.util.Map;

/** What one ingest stored, and what it skipped. */
public record IngestResult(int traceId, String source, String format, long lines, long events,
                           long stacks, long skippedLines, Map<SkipReason, Long> skippedByReason,
                           List<Problem> examples) {
}
