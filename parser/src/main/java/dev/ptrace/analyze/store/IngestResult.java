package dev.ptrace.analyze.store;

import dev.ptrace.analyze.read.Problem;
import java.util.List;
import java.util.Map;

/** What one ingest stored, and what it skipped. */
public record IngestResult(int traceId, String source, String format, long lines, long events,
                           long stacks, long skippedLines, Map<String, Long> skippedByReason,
                           List<Problem> examples) {
}
