package dev.ptrace.analyze.lake;

import dev.ptrace.analyze.check.AnalysisTables;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.TableDef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A lake's tables as DuckDB views over its Parquet files (the loose traces' and the bundles'),
 * named as the tables of a database, with the columns date, host and trace_id (the content
 * hash) after each table's own; filtered to the traces a {@link LakeFilter} names, whose
 * folders alone are read.
 */
public final class LakeViews {
    private LakeViews() {
    }

    /**
     * Defines on {@code conn} the views of the tables {@code sql} names (as words): DuckDB lists
     * a view's files when it is defined, so a view no query reads is not defined.
     */
    public static void define(Connection conn, Path lake, LakeFilter filter, String sql)
            throws SQLException {
        LakeLayout.checkVersion(lake, false);
        List<LakeEntry> entries = LakeLayout.entries(lake);
        boolean loose = entries.stream().anyMatch(e -> !e.bundled());
        boolean bundled = entries.stream().anyMatch(LakeEntry::bundled);
        try (Statement st = conn.createStatement()) {
            for (TableDef t : LakeLayout.TABLES) {
                if (!AnalysisTables.mentions(sql, t.name())) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                if (loose) {
                    parts.add(TextResource.fill("/sql/lake/view_loose.sql", Map.of("glob",
                            quoted(LakeLayout.glob(lake.toString(), t.name())))));
                }
                if (bundled) {
                    parts.add(TextResource.fill("/sql/lake/view_bundles.sql", Map.of("glob",
                            quoted(LakeLayout.bundleGlob(lake.toString(), t.name())))));
                }
                st.execute(parts.isEmpty() ? emptyView(t) : TextResource.fill(
                        "/sql/lake/view.sql", Map.of("table", t.name(), "columns", t.columns()
                                .stream().map(c -> c.name()).filter(n -> !n.equals("trace_id"))
                                .collect(Collectors.joining(", ")),
                                "sources", String.join(" UNION ALL BY NAME ", parts),
                                "where", filter.where())));
            }
        }
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String emptyView(TableDef t) {
        return TextResource.fill("/sql/lake/empty_view.sql", Map.of("table", t.name(),
                "columns", t.columns().stream().filter(c -> !c.name().equals("trace_id"))
                        .map(c -> "NULL::" + c.type() + " AS " + c.name())
                        .collect(Collectors.joining(", "))));
    }
}
