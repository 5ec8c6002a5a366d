package dev.ptrace.analyze.analysis.testing;

import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real traces ingested strictly with the lock analysis once per test JVM, each into a database
 * file of its own (trace 1), which each test opens read-only: the test classes that check the
 * derived tables of every trace share one ingest of it instead of one per test.
 */
public final class AnalysedTraces {
    private static final Map<Path, Path> FILES = new HashMap<>();
    private static Path dir;

    private AnalysedTraces() {
    }

    /** {@code trace} ingested (on first use), opened read-only. */
    public static Database open(Path trace) {
        return Database.openExisting(file(trace.toAbsolutePath().normalize()), true);
    }

    private static synchronized Path file(Path trace) {
        Path file = FILES.get(trace);
        if (file == null) {
            file = directory().resolve(FILES.size() + ".duckdb");
            try (Database db = Database.open(file)) {
                new TraceIngester(db, List.of(LockAnalysis.shipped())).ingest(trace.toString(),
                        true);
            }
            FILES.put(trace, file);
        }
        return file;
    }

    private static Path directory() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("analysed-traces-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(AnalysedTraces::delete));
        }
        return dir;
    }

    private static void delete() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind: nothing to tell the build
        }
    }

    /** The rows of a query of {@code db}, each a list of its columns' values. */
    public static List<List<Object>> rows(Database db, String sql) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
