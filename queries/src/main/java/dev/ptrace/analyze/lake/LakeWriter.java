package dev.ptrace.analyze.lake;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.store.Query;
import dev.ptrace.analyze.store.TableDef;
import java.io.IOException;
import dev.ptrace.analyze.store.StoreException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Files one trace of a database into a lake: its tables written as Parquet into a folder of
 * {@code _staging/}, then renamed into place in one step, so that a reader sees the whole
 * trace or nothing of it, whenever the writer is stopped. A trace of the same capture (the
 * same content hash) already in the lake, wherever it was filed (in a bundle too: the bundle
 * is written again without it), is taken out first: a capture written twice is there once.
 */
public final class LakeWriter {
    private static final String PLACEMENT_SQL = TextResource.load("/sql/lake/trace_placement.sql");
    private static final String UNKNOWN_HOST = "unknown";

    private LakeWriter() {
    }

    /** Writes trace {@code trace} of {@code conn} (its analysis tables filled) into the lake. */
    public static LakeTrace write(Connection conn, int trace, Path lake, LakePlacement placement)
            throws SQLException {
        LakeTrace t = place(conn, trace, lake, placement);
        LakeLayout.checkVersion(lake, true);
        Path staging = lake.resolve(LakeLayout.STAGING)
                .resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            try (Statement st = conn.createStatement()) {
                for (TableDef table : LakeLayout.TABLES) {
                    st.execute(TextResource.fill("/sql/lake/copy_trace_table.sql", Map.of(
                            "table", table.name(), "trace", Integer.toString(trace),
                            "target", quoted(staging.resolve(table.name() + ".parquet")))));
                }
            }
            boolean replaced = publish(lake, staging, t);
            return new LakeTrace(t.traceId(), t.date(), t.host(), t.source(), t.dir(), replaced);
        } catch (IOException e) {
            throw new StoreException("cannot write the lake " + lake + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static LakeTrace place(Connection conn, int trace, Path lake, LakePlacement placement)
            throws SQLException {
        LakeTrace t = Query.first(conn, PLACEMENT_SQL, rs -> {
            String hash = rs.getString(1);
            if (hash == null) {
                throw new UsageException("trace " + trace + " (" + rs.getString(4) + ") was read "
                        + "from standard input: it has no content hash to be filed by in a lake; "
                        + "ingest it from a file");
            }
            LocalDate day = placement.date() != null ? placement.date()
                    : rs.getDate(2) != null ? rs.getDate(2).toLocalDate()
                    : LocalDate.now(ZoneOffset.UTC);
            String host = LakeLayout.hostFolder(placement.host() != null ? placement.host()
                    : rs.getString(3) != null ? rs.getString(3) : UNKNOWN_HOST);
            return new LakeTrace(hash, day, host, rs.getString(4),
                    LakeLayout.traceDir(lake, day, host, hash), false);
        }, trace);
        if (t == null) {
            throw new UsageException("no trace " + trace + " in the database");
        }
        return t;
    }

    /**
     * Takes out any earlier copy of the trace, then renames the staged folder into place: for
     * an instant the trace is missing, never there twice or in part.
     */
    private static boolean publish(Path lake, Path staging, LakeTrace t) throws IOException {
        List<LakeEntry> earlier = LakeLayout.filed(lake, t.traceId());
        for (LakeEntry old : earlier) {
            if (old.bundled()) {
                LakeCompactor.rewrite(lake, old.partition(), Set.of(t.traceId()));
            } else {
                Path gone = staging.resolveSibling(staging.getFileName() + "-replaced-"
                        + UUID.randomUUID());
                Files.move(old.dir(), gone, StandardCopyOption.ATOMIC_MOVE);
                deleteQuietly(gone);
            }
        }
        Files.createDirectories(t.dir().getParent());
        Files.move(staging, t.dir(), StandardCopyOption.ATOMIC_MOVE);
        return !earlier.isEmpty();
    }

    private static String quoted(Path p) {
        return "'" + p.toString().replace("'", "''") + "'";
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e)
                        throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a staging folder left behind is never read; the next writer may clear it
        }
    }
}
