package dev.ptrace.analyze.lake;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.store.Schema;
import dev.ptrace.analyze.store.StoreException;
import dev.ptrace.analyze.store.TableDef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The traces of a lake an analysis command asks about, read into a database in memory, so that
 * every analysis runs on them as on traces just ingested: only their files are read, and
 * they are numbered 1, 2, ... in the order of their day, host and id. Their analysis tables
 * come with them, and are not worked out again.
 */
public final class LakeLoader {
    private LakeLoader() {
    }

    /** A workspace holding the traces of {@code lake} that {@code filter} names. */
    public static Workspace load(Path lake, LakeFilter filter) {
        return load(lake, List.of(filter));
    }

    /** A workspace holding the traces of {@code lake} that any of {@code filters} names. */
    public static Workspace load(Path lake, List<LakeFilter> filters) {
        LakeLayout.checkVersion(lake, false);
        List<LakeEntry> all = LakeLayout.entries(lake);
        List<LakeEntry> traces = new ArrayList<>();
        for (LakeFilter filter : filters) {
            List<LakeEntry> named = all.stream().filter(e -> filter.accepts(e.date(), e.host(),
                    e.traceId())).toList();
            if (named.isEmpty()) {
                throw new UsageException("no trace in the lake " + lake
                        + (filter.equals(LakeFilter.ALL) ? "" : " " + filter.where()));
            }
            named.stream().filter(p -> !traces.contains(p)).forEach(traces::add);
        }
        Workspace w = Workspace.create(null);
        try {
            Connection conn = w.connection();
            conn.setAutoCommit(false);
            Schema.ensure(conn);
            try (Statement st = conn.createStatement()) {
                for (int i = 0; i < traces.size(); i++) {
                    LakeEntry e = traces.get(i);
                    for (TableDef t : LakeLayout.TABLES) {
                        st.execute(TextResource.fill(e.bundled() ? "/sql/lake/load_bundled.sql"
                                : "/sql/lake/load_table.sql", Map.of(
                                "table", t.name(), "trace", Integer.toString(i + 1),
                                "id", "'" + e.traceId() + "'",
                                "file", "'" + e.file(t.name()).toString().replace("'", "''")
                                        + "'")));
                    }
                }
            }
            conn.commit();
            conn.setAutoCommit(true);
            return w;
        } catch (SQLException e) {
            w.close();
            throw new StoreException("cannot read the lake " + lake + ": "
                    + dev.ptrace.analyze.store.Database.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }
}
