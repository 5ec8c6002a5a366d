package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.api.LakeIngest;
import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Lakes of the testdata traces, written by the lake writer as ingest --lake writes them. */
final class TestLakes {
    private TestLakes() {
    }

    /** Files {@code traces} (names under testdata/traces) under one day and host, 2 at once. */
    static List<LakeIngest.Outcome> file(Path lake, String date, String host, String... traces) {
        return file(lake, new LakePlacement(LocalDate.parse(date), host), traces);
    }

    /** Files {@code traces} where {@code placement} says, 2 at once. */
    static List<LakeIngest.Outcome> file(Path lake, LakePlacement placement, String... traces) {
        List<String> files = List.of(traces).stream()
                .map(t -> TestData.trace(t).toString()).toList();
        List<LakeIngest.Outcome> out = LakeIngest.run(files, lake,
                placement, false, () -> Workspace.create(null), 2);
        for (LakeIngest.Outcome o : out) {
            if (o.failure() != null) {
                throw new AssertionError(o.file() + " was not filed", o.failure());
            }
        }
        return out;
    }

    /** A copy of a lake, folder by folder. */
    static void copy(Path from, Path to) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
