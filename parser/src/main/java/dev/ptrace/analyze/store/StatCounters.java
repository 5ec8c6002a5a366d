package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TsvTable;
import dev.ptrace.analyze.store.row.StatRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters of the {@code stats} table, each described in stats.tsv: the one reader of that
 * file, and the one writer of the table. A counter stats.tsv does not describe is a bug of the
 * code that counts it, caught before anything is written.
 */
public final class StatCounters {
    private static final Map<String, String> DESCRIPTIONS = load();

    private StatCounters() {
    }

    /** Writes {@code counters} (name to value, in order) as stats rows of trace {@code traceId}. */
    public static void write(Connection conn, int traceId, Map<String, Long> counters)
            throws SQLException {
        StatRow.ROWS.insert(conn, rows(traceId, counters));
    }

    /** The rows of {@code counters}; fails on a name stats.tsv does not describe. */
    static List<StatRow> rows(int traceId, Map<String, Long> counters) {
        List<StatRow> rows = new ArrayList<>(counters.size());
        counters.forEach((name, value) -> rows.add(
                new StatRow(traceId, name, value, description(name))));
        return rows;
    }

    /** What counter {@code name} counts. */
    static String description(String name) {
        String d = DESCRIPTIONS.get(name);
        if (d == null) {
            throw new IllegalStateException("counter " + name + " has no description in stats.tsv");
        }
        return d;
    }

    /** Every counter, name to description, in the file's order. */
    static List<Map.Entry<String, String>> all() {
        TsvTable t = table();
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (List<String> row : t.rows()) {
            out.add(Map.entry(row.get(t.column("name")), row.get(t.column("description"))));
        }
        return out;
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>();
        all().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private static TsvTable table() {
        return TsvTable.resource(StatCounters.class, "stats.tsv");
    }
}
