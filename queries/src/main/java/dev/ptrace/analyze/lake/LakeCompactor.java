package dev.ptrace.analyze.lake;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Column;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.StoreException;
import dev.ptrace.analyze.store.TableDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Compacts a lake's day-and-host folders: their traces' files merged into one bundle, a
 * file per table with trace_id a column, so that a question reads a file per table and
 * folder instead of one per trace (reading a file costs DuckDB about as much as reading
 * thousands of rows of one). The new folder is built under {@code _staging/} and swapped
 * for the old one: for an instant the folder's traces are missing, never there in part or
 * twice. A trace filed into the folder while it is compacted is moved into the new folder.
 */
public final class LakeCompactor {
    private LakeCompactor() {
    }

    /** What compaction did: folders rewritten, the traces they hold. */
    public record Compacted(int folders, int traces) {
    }

    /** Compacts every day-and-host folder {@code filter} names that has a loose trace. */
    public static Compacted compact(Path lake, LakeFilter filter) {
        LakeLayout.checkVersion(lake, false);
        int folders = 0;
        int traces = 0;
        try (Database db = Database.inMemory()) {
            for (Path date : LakeLayout.children(lake, "date=*")) {
                for (Path host : LakeLayout.children(date, "host=*")) {
                    List<LakeEntry> entries = LakeLayout.entries(LocalDate.parse(
                            LakeLayout.value(date)), host);
                    boolean loose = entries.stream().anyMatch(e -> !e.bundled());
                    boolean named = entries.stream().anyMatch(e -> filter.accepts(e.date(),
                            e.host(), e.traceId()));
                    if (loose && named && filter.tracePrefix() == null) {
                        traces += rewrite(db, lake, host, Set.of());
                        folders++;
                    }
                }
            }
        }
        return new Compacted(folders, traces);
    }

    /**
     * Rewrites a day-and-host folder as one bundle of its traces but {@code dropped}; returns
     * how many traces the bundle holds (none: the folder is gone).
     */
    static int rewrite(Path lake, Path partition, Set<String> dropped) {
        try (Database db = Database.inMemory()) {
            return rewrite(db, lake, partition, dropped);
        }
    }

    private static int rewrite(Database db, Path lake, Path partition, Set<String> dropped) {
        LocalDate day = LocalDate.parse(LakeLayout.value(partition.getParent()));
        List<LakeEntry> entries = LakeLayout.entries(day, partition);
        List<String> kept = entries.stream().map(LakeEntry::traceId)
                .filter(id -> !dropped.contains(id)).distinct().toList();
        Path staging = lake.resolve(LakeLayout.STAGING)
                .resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        Path fresh = staging.resolve(partition.getFileName());
        try {
            if (!kept.isEmpty()) {
                Path bundle = fresh.resolve(LakeLayout.BUNDLE + "=" + name(kept));
                Files.createDirectories(bundle);
                write(db, entries, dropped, bundle);
                Files.write(bundle.resolve(LakeLayout.BUNDLE_TRACES), kept,
                        StandardCharsets.UTF_8);
            }
            Path old = staging.resolve("old");
            Files.createDirectories(staging);
            Files.move(partition, old, StandardCopyOption.ATOMIC_MOVE);
            if (!kept.isEmpty()) {
                Files.move(fresh, partition, StandardCopyOption.ATOMIC_MOVE);
            }
            keepLateArrivals(entries, old, partition);
            return kept.size();
        } catch (IOException e) {
            throw new StoreException("cannot compact " + partition + ": " + e.getMessage(), e);
        } finally {
            LakeWriter.deleteQuietly(staging);
        }
    }

    /** The bundle's name: a hash of the ids it holds, so that a rewrite gets another. */
    private static String name(List<String> ids) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", ids).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void write(Database db, List<LakeEntry> entries, Set<String> dropped,
                              Path bundle) {
        List<String> loose = entries.stream().filter(e -> !e.bundled()).map(LakeEntry::dir)
                .distinct().map(Path::toString).toList();
        List<Path> bundles = entries.stream().filter(LakeEntry::bundled).map(LakeEntry::dir)
                .distinct().toList();
        try (Statement st = db.connection().createStatement()) {
            for (TableDef t : LakeLayout.TABLES) {
                List<String> sources = new ArrayList<>();
                if (!loose.isEmpty()) {
                    sources.add(TextResource.fill("/sql/lake/loose_traces.sql", Map.of("files",
                            loose.stream().map(d -> quoted(d + "/" + t.name() + ".parquet"))
                                    .collect(Collectors.joining(", ", "[", "]")))));
                }
                for (Path b : bundles) {
                    sources.add(TextResource.fill("/sql/lake/bundle_traces.sql", Map.of("file",
                            quoted(b.resolve(t.name() + ".parquet").toString()))));
                }
                st.execute(TextResource.fill("/sql/lake/compact_table.sql", Map.of(
                        "columns", t.columns().stream().map(Column::name)
                                .collect(Collectors.joining(", ")),
                        "sources", String.join(" UNION ALL BY NAME ", sources),
                        "dropped", dropped.isEmpty() ? "''" : dropped.stream()
                                .map(LakeCompactor::quoted).collect(Collectors.joining(", ")),
                        "target", quoted(bundle.resolve(t.name() + ".parquet").toString()))));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot compact " + bundle.getParent() + ": "
                    + Database.firstLine(e.getMessage()), e);
        }
    }

    /** Trace folders filed into the old folder while it was compacted, moved into the new. */
    private static void keepLateArrivals(List<LakeEntry> compacted, Path old, Path partition)
            throws IOException {
        Set<Path> known = compacted.stream().map(e -> e.dir().getFileName())
                .collect(Collectors.toSet());
        for (Path t : LakeLayout.children(old, "trace_id=*")) {
            if (!known.contains(t.getFileName())) {
                Files.createDirectories(partition);
                Files.move(t, partition.resolve(t.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
