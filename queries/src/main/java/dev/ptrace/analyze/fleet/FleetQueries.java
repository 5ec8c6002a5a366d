package dev.ptrace.analyze.fleet;

import dev.ptrace.analyze.knowledge.TsvTable;
import dev.ptrace.analyze.query.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet questions shipped (sql/fleet/queries.tsv and a .sql file each), and a user's own:
 * every {@code NAME.sql} of a folder, one SELECT over the lake's views; a user's query of a
 * shipped name replaces it.
 */
public final class FleetQueries {
    private static final String DIR = "/sql/fleet/";
    private final Map<String, FleetQuery> byName;

    private FleetQueries(Map<String, FleetQuery> byName) {
        this.byName = byName;
    }

    /** The shipped queries. */
    public static FleetQueries shipped() {
        Map<String, FleetQuery> out = new LinkedHashMap<>();
        for (Map<String, String> r : TsvTable.resource(FleetQueries.class, DIR + "queries.tsv")
                .records()) {
            String name = r.get("name");
            String sql = resource(name + ".sql");
            String spark = resource(name + ".spark.sql");
            out.put(name, new FleetQuery(name, FleetQuery.Kind.valueOf(
                    r.get("kind").toUpperCase(Locale.ROOT)), r.get("answers"), sql,
                    spark == null ? sql : spark));
        }
        return new FleetQueries(out);
    }

    /** These and the {@code .sql} files of {@code dir} (each a query of kind rows). */
    public FleetQueries with(Path dir) {
        Map<String, FleetQuery> out = new LinkedHashMap<>(byName);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.sql")) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                if (file.endsWith(".spark.sql")) {
                    continue;
                }
                String name = file.substring(0, file.length() - ".sql".length());
                String sql = Files.readString(f, StandardCharsets.UTF_8);
                Path spark = f.resolveSibling(name + ".spark.sql");
                out.put(name, new FleetQuery(name, FleetQuery.Kind.ROWS, firstComment(sql), sql,
                        Files.isRegularFile(spark) ? Files.readString(spark) : sql));
            }
        } catch (IOException e) {
            throw new UsageException("--queries " + dir + ": " + e.getMessage());
        }
        return new FleetQueries(out);
    }

    public List<FleetQuery> all() {
        return List.copyOf(byName.values());
    }

    /** A query by name. */
    public FleetQuery named(String name) {
        FleetQuery q = byName.get(name);
        if (q == null) {
            throw new UsageException("no fleet query '" + name + "' (fleet --list names them)");
        }
        return q;
    }

    private static String resource(String file) {
        try (InputStream in = FleetQueries.class.getResourceAsStream(DIR + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DIR + file, e);
        }
    }

    /** What a user's query says of itself: its first comment line, else nothing. */
    private static String firstComment(String sql) {
        return sql.lines().map(String::strip).filter(l -> l.startsWith("--")).findFirst()
                .map(l -> l.substring(2).strip()).orElse("");
    }
}
