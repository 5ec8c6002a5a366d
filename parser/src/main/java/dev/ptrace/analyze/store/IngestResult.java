package dev.ptrace.analyze.store;

import dev.ptrace.analyze.read.Problem;
import dev.ptrace.analyze.read.SkipReason;
import java.util.List;
import java.util.Map;

/**
 * What one ingest stored, and what it skipped; {@code lines} of a text input, {@code records}
 * of a binary one (the other is 0), and problem positions in lines or bytes likewise.
 */
public record IngestResult(int traceId, String source, String format, long lines, long records,
                           long events,
                           long stacks, long skippedLines, Map<SkipReason, Long> skippedByReason,
                           List<Problem> examples) {
    /** Whether the input was a binary capture (positions are byte offsets). */
    public boolean binary() {
        return dev.ptrace.analyze.read.BinaryFormat.isBinary(format);
    }
}
