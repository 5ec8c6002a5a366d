package dev.ptrace.analyze.api;

import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.lake.LakeTrace;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.read.TraceInput;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Trace files into a lake, several at once: each file is read into a database of its own in
 * memory, analysed, and filed as one trace (so that one file's failure costs no other).
 */
public final class LakeIngest {
    /** What became of one file: the trace filed, or why not. */
    public record Outcome(String file, LakeTrace trace, RuntimeException failure) {
    }

    private LakeIngest() {
    }

    /**
     * Files {@code files} into {@code lake}, {@code threads} at a time, each read by a new
     * in-memory workspace of {@code workspaces}; the outcomes in the files' order.
     */
    public static List<Outcome> run(List<String> files, Path lake, LakePlacement placement,
                                    boolean strict, Supplier<Workspace> workspaces, int threads) {
        if (files.contains(TraceInput.STDIN)) {
            throw new UsageException("standard input has no content hash to file a trace by in "
                    + "a lake: save it to a file first (or ingest it with --db)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1,
                Math.min(threads, files.size())), r -> {
                    Thread t = new Thread(r, "ptrace-analyze lake ingest");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String f : files) {
                futures.add(pool.submit(() -> one(f, lake, placement, strict, workspaces)));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome one(String file, Path lake, LakePlacement placement, boolean strict,
                               Supplier<Workspace> workspaces) {
        try {
            Workspace w = workspaces.get();
            try {
                w.ingest(file, strict);
            } catch (RuntimeException e) {
                w.close();
                throw e;
            }
            try (TraceAnalysis a = TraceAnalysis.over(w)) {
                return new Outcome(file, a.exportLake(lake, placement).get(0), null);
            }
        } catch (RuntimeException e) {
            return new Outcome(file, null, e);
        } catch (SQLException e) {
            return new Outcome(file, null, new StoreException(file + ": "
                    + Database.firstLine(e.getMessage()), e));
        }
    }
}
