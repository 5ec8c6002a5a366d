package dev.ptrace.analyze.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The temporary files and folders of this process (rows past a memory budget, DuckDB's spill
 * folder of an in-memory database): each is removed when its owner is done, and whatever is
 * left when the process is stopped (Ctrl-C halts the JVM, which skips deleteOnExit) by
 * {@link #removeAll()}.
 */
public final class TempFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private TempFiles() {
    }

    public static Path file(String prefix, String suffix) throws IOException {
        Path p = Files.createTempFile(prefix, suffix);
        LIVE.add(p);
        return p;
    }

    public static Path folder(String prefix) throws IOException {
        Path p = Files.createTempDirectory(prefix);
        LIVE.add(p);
        return p;
    }

    /** Removes a file or a folder with what is in it. */
    public static void remove(Path p) {
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> all = Files.walk(p)) {
                    for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
            LIVE.remove(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p, e);
        }
    }

    /** Removes every temporary file still there, as far as it can: the process is ending. */
    public static void removeAll() {
        for (Path p : LIVE) {
            try {
                remove(p);
            } catch (UncheckedIOException ignored) {
                // the process is being stopped: the rest is still worth removing
            }
        }
    }
}
