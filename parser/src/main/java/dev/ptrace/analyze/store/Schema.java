package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.row.SchemaInfoRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;

/** Creates the tables and views of {@link Tables} and checks the schema version of a database. */
public final class Schema {
    /** Version of the tables; raised whenever a table or column changes meaning or goes away. */
    public static final int VERSION = 7;
    private static final String HAS_SCHEMA_INFO_SQL =
            TextResource.load("/sql/store/has_schema_info.sql");
    private static final String VERSION_SQL = TextResource.load("/sql/store/schema_version.sql");
    private static final String IS_FILE_SQL = TextResource.load("/sql/store/is_file.sql");

    private Schema() {
    }

    /**
     * Creates whatever is missing, in the caller's transaction, and defines the shared SQL
     * concepts on the connection (they need the tables). A database file gets each table's and
     * column's documentation as DuckDB comments; an in-memory one, which only the command that
     * made it reads, does not (writing them is most of the cost of a new database).
     *
     * @throws SchemaVersionException when the database was written by another schema version
     */
    public static void ensure(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            if (storedVersion(st) == VERSION) {
                SqlConcepts.define(conn);
                return;
            }
            // one script each: a statement apiece costs more than parsing them all at once
            st.execute(Tables.all().stream().map(TableDef::createSql)
                    .collect(Collectors.joining(";\n")));
            checkVersion(conn, st);
            st.execute(eventsViewSql());
            if (isFile(st)) {
                st.execute(Tables.all().stream().flatMap(t -> t.commentSql().stream())
                        .collect(Collectors.joining(";\n")));
            }
        }
        SqlConcepts.define(conn);
    }

    /** The schema version a database was written with; 0 for a new database. */
    private static int storedVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery(HAS_SCHEMA_INFO_SQL)) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        try (ResultSet rs = st.executeQuery(VERSION_SQL)) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        }
    }

    private static boolean isFile(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery(IS_FILE_SQL)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void checkVersion(Connection conn, Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery(VERSION_SQL)) {
            if (rs.next()) {
                int found = Integer.parseInt(rs.getString(1));
                if (found != VERSION) {
                    throw new SchemaVersionException(found, VERSION);
                }
                return;
            }
        }
        SchemaInfoRow.ROWS.insert(conn,
                new SchemaInfoRow("schema_version", Integer.toString(VERSION)));
    }

    /** The {@code events} view: the common columns of every event table, one row per event. */
    static String eventsViewSql() {
        String common = Tables.EVENT_COLUMNS.stream().map(Column::name)
                .collect(Collectors.joining(", "));
        return TextResource.fill("/sql/store/ddl/events_view.sql", Map.of("selects",
                Tables.EVENT_TABLES.stream().map(t -> TextResource.fill(
                        "/sql/store/ddl/events_view_part.sql",
                        Map.of("columns", common, "table", t.name())))
                        .collect(Collectors.joining(" UNION ALL "))));
    }
}
