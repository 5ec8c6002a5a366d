package dev.ptrace.analyze.fleet;

import dev.ptrace.analyze.diff.Metric;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.lake.LakeFilter;
import dev.ptrace.analyze.lake.LakeLayout;
import dev.ptrace.analyze.lake.LakeViews;
import dev.ptrace.analyze.query.QueryRunner;
import dev.ptrace.analyze.query.RowWriter;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.Query;
import dev.ptrace.analyze.store.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * A lake's traces as DuckDB sees them (views over the Parquet files, filtered to the days and
 * host asked for), and the fleet questions asked of them.
 */
public final class Fleet implements AutoCloseable {
    private static final String SETTINGS_SQL = TextResource.load("/sql/lake/fleet_settings.sql");
    private final Database db;
    private final Path lake;
    private final LakeFilter filter;

    private Fleet(Database db, Path lake, LakeFilter filter) {
        this.db = db;
        this.lake = lake;
        this.filter = filter;
    }

    /** The traces of {@code lake} that {@code filter} names. */
    public static Fleet open(Path lake, LakeFilter filter) {
        LakeLayout.checkVersion(lake, false);
        Database db = Database.inMemory();
        try (Statement st = db.connection().createStatement()) {
            st.execute(SETTINGS_SQL);
        } catch (SQLException e) {
            db.close();
            throw new StoreException("cannot set up DuckDB: " + Database.firstLine(
                    e.getMessage()), e);
        }
        return new Fleet(db, lake, filter);
    }

    /** Any SQL over the lake's views, its rows written as they come; the number of rows. */
    public long query(String sql, RowWriter writer) throws SQLException {
        views(sql);
        return QueryRunner.run(db.connection(), sql, writer);
    }

    /** The views {@code sql} reads, over the lake's files. */
    private void views(String sql) {
        try {
            LakeViews.define(db.connection(), lake, filter, sql);
        } catch (SQLException e) {
            throw new UsageException("cannot read the lake " + lake + ": "
                    + Database.firstLine(e.getMessage()));
        }
    }

    /** The rows of a metrics query. */
    public List<MetricRow> metrics(FleetQuery q) throws SQLException {
        if (q.kind() != FleetQuery.Kind.METRICS) {
            throw new UsageException("fleet query '" + q.name() + "' gives rows, not metrics to "
                    + "compare (--baseline and --candidate are for a metrics query)");
        }
        views(q.sql());
        return Query.list(db.connection(), q.sql(), rs -> new MetricRow(rs.getString(
                "trace_id"), rs.getDate("date").toLocalDate(), rs.getString("host"),
                rs.getString("os_release"), rs.getString("tool_version"),
                rs.getString("source"), new Metric(rs.getString("metric"),
                rs.getDouble("value"), Metric.Unit.valueOf(rs.getString("unit")
                        .toUpperCase(Locale.ROOT)), rs.getLong("samples"),
                rs.getLong("min_samples"))));
    }

    @Override
    public void close() {
        db.close();
    }
}
