package dev.ptrace.analyze.lake;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A trace of a lake as filed: in a folder of its own ({@code trace_id=ID}), or among the
 * traces of its day and host compacted into a bundle ({@code bundle=NAME}, whose files have a
 * trace_id column).
 *
 * @param dir the trace's folder, or the bundle's
 */
public record LakeEntry(LocalDate date, String host, String traceId, Path dir, boolean bundled) {
    /** The trace's rows of {@code table}: its file, or its rows of the bundle's file. */
    Path file(String table) {
        return dir.resolve(table + ".parquet");
    }

    /** The day-and-host folder the trace is filed in. */
    Path partition() {
        return dir.getParent();
    }
}
