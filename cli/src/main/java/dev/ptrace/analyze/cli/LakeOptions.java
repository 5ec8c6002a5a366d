package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.lake.LakeFilter;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** A lake read instead of files or a database, and which of its traces. */
final class LakeOptions {
    @Option(names = "--lake", paramLabel = "DIR") Path lake;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD") LocalDate since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD") LocalDate until;

    @Option(names = "--host", paramLabel = "NAME") String host;

    /** The traces named by the days and host, and by {@code tracePrefix} (null: any). */
    LakeFilter filter(String tracePrefix) {
        return new LakeFilter(since, until, host, tracePrefix);
    }
}
