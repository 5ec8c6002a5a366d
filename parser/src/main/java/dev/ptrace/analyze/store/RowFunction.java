package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;

/**
 * The table function through which DuckDB pulls the chunks Java made into a table, a vector
 * at a time ({@code INSERT INTO t SELECT * FROM ptrace_rows(id)}), which costs a fraction of
 * an Appender's flush every 2,048 rows. DuckDB calls it back with the number in the SQL
 * only: the registry maps that number to the chunks, for as long as the insert runs; it is
 * the store's one piece of state beyond a connection, and holds nothing between inserts.
 */
final class RowFunction {
    private static final String NAME = "ptrace_rows";
    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, Insert> OPEN = new ConcurrentHashMap<>();
    private static final Map<Connection, Boolean> REGISTERED = new ConcurrentHashMap<>();

    /** What an insert reads: the table's chunks in order, then null. */
    interface Source {
        RowChunk next() throws IOException;

        /** The insert is done with {@code c} (a chunk handed over may be filled again). */
        void done(RowChunk c);
    }

    /**
     * One insert: the rows' table and columns, whether numbers go straight into DuckDB's
     * vector memory, and where the chunks come from.
     */
    private record Insert(TableDef table, ColumnKind[] kinds, boolean direct, Source source) {
    }

    private RowFunction() {
    }

    /** Inserts every chunk of {@code source} into {@code table}, on the calling thread. */
    static void insert(Connection conn, TableDef table, ColumnKind[] kinds, boolean direct,
                       Source source) throws SQLException {
        register(conn);
        long id = IDS.incrementAndGet();
        OPEN.put(id, new Insert(table, kinds, direct, source));
        try (Statement st = conn.createStatement()) {
            st.execute(insertSql(table, id));
        } finally {
            OPEN.remove(id);
        }
    }

    private static String insertSql(TableDef table, long id) {
        String columns = table.columns().stream().map(c -> c.type().startsWith("MAP(")
                ? TextResource.fill("/sql/store/ddl/map_from_json.sql",
                        Map.of("column", c.name(), "type", c.type()))
                : "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        return TextResource.fill("/sql/store/ddl/insert_bulk.sql", Map.of("table", table.name(),
                "columns", columns, "function", NAME, "id", Long.toString(id)));
    }

    /** Whether the function is registered on {@code conn}. */
    static boolean registered(Connection conn) {
        return REGISTERED.containsKey(conn);
    }

    /** Lets go of a closed connection: its function went with it. */
    static void forget(Connection conn) {
        REGISTERED.remove(conn);
    }

    private static void register(Connection conn) {
        if (REGISTERED.putIfAbsent(conn, Boolean.TRUE) != null) {
            return;
        }
        try {
            DuckDBFunctions.tableFunction().withName(NAME)
                    .withParameter(DuckDBColumnType.BIGINT).withFunction(new Function())
                    .register(conn);
        } catch (SQLException e) {
            REGISTERED.remove(conn);
            throw new StoreException("cannot register the row function: " + e.getMessage(), e);
        }
    }

    /** Its argument names the source whose chunks it returns. */
    private static final class Function implements DuckDBTableFunction<Insert, Insert, Object> {
        @Override
        public Insert bind(DuckDBTableFunctionBindInfo info) {
            long id = info.getParameter(0).getLong();
            Insert insert = OPEN.get(id);
            if (insert == null) {
                throw new IllegalStateException("no rows " + id + " to insert");
            }
            for (int c = 0; c < insert.kinds().length; c++) {
                info.addResultColumn(insert.table().columns().get(c).name(),
                        insert.kinds()[c].duckType);
            }
            return insert;
        }

        @Override
        public Insert init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            return info.getBindData();
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out)
                throws IOException {
            Insert insert = info.getInitData();
            RowChunk c = insert.source().next();
            if (c == null) {
                return 0;
            }
            c.fill(out, insert.direct());
            int size = c.size;
            insert.source().done(c);
            return size;
        }
    }
}
