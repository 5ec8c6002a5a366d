package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.row.DerivationRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One derivation declared: the tables it reads and the tables it writes a trace's rows of, and
 * its record in {@code derivations}, which says what a trace's derived rows came from, by which
 * version and when (the rows are reused while that version runs).
 */
public record DerivedTables(String unit, List<TableDef> inputs, List<TableDef> outputs) {
    private static final String KEPT_SQL = TextResource.load("/sql/store/derivations/kept.sql");
    private static final String FORGET_SQL =
            TextResource.load("/sql/store/derivations/forget.sql");

    public DerivedTables {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Whether the trace's rows are kept from the running version. */
    public boolean keptFor(Connection conn, int traceId) throws SQLException {
        return Boolean.TRUE.equals(Query.first(conn, KEPT_SQL, rs -> rs.getBoolean(1),
                traceId, unit, ToolVersion.current()));
    }

    /** Removes the trace's rows of the outputs and their record, before deriving them again. */
    public void forget(Connection conn, int traceId) throws SQLException {
        forgetRows(conn, traceId);
        Query.update(conn, FORGET_SQL, traceId, unit);
    }

    /** Removes the trace's rows of the outputs only (of a read-only database's copies). */
    public void forgetRows(Connection conn, int traceId) throws SQLException {
        for (TableDef t : outputs) {
            Query.update(conn, TextResource.fill("/sql/store/derivations/forget_rows.sql",
                    Map.of("table", t.name())), traceId);
        }
    }

    /** Records that the trace's rows of the outputs were derived now, by this version. */
    public void record(Connection conn, int traceId) throws SQLException {
        long rows = 0;
        for (TableDef t : outputs) {
            Long n = Query.first(conn, TextResource.fill("/sql/store/derivations/count_rows.sql",
                    Map.of("table", t.name())), rs -> rs.getLong(1), traceId);
            rows += n == null ? 0 : n;
        }
        DerivationRow.ROWS.insert(conn, new DerivationRow(traceId, unit, names(outputs),
                names(inputs), ToolVersion.current(), Instant.now(), rows));
    }

    private static String names(List<TableDef> tables) {
        return tables.stream().map(TableDef::name).collect(Collectors.joining(","));
    }
}
