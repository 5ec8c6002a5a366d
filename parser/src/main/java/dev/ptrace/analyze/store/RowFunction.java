package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;

/**
 * The table function through which DuckDB pulls the chunks Java made into a table, a vector
 * at a time ({@code INSERT INTO t SELECT * FROM ptrace_rows()}), which costs a fraction of an
 * Appender's flush every 2,048 rows. Each {@link Database} registers it on its connection.
 * DuckDB binds a table function on the thread that executes the statement, so the insert
 * hands its rows over in a slot of that thread, set for the one statement: nothing outlives
 * an insert, and no two inserts see each other's rows.
 */
final class RowFunction {
    private static final String NAME = "ptrace_rows";
    private static final ThreadLocal<Insert> RUNNING = new ThreadLocal<>();

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

    /** Registers the function on a new connection. */
    static void register(Connection conn) throws SQLException {
        DuckDBFunctions.tableFunction().withName(NAME).withFunction(new Function())
                .register(conn);
    }

    /** Inserts every chunk of {@code source} into {@code table}, on the calling thread. */
    static void insert(Connection conn, TableDef table, ColumnKind[] kinds, boolean direct,
                       Source source) throws SQLException {
        RUNNING.set(new Insert(table, kinds, direct, source));
        try (Statement st = conn.createStatement()) {
            st.execute(insertSql(table));
        } finally {
            RUNNING.remove();
        }
    }

    private static String insertSql(TableDef table) {
        String columns = table.columns().stream().map(c -> c.type().startsWith("MAP(")
                ? TextResource.fill("/sql/store/ddl/map_from_json.sql",
                        Map.of("column", c.name(), "type", c.type()))
                : "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        return TextResource.fill("/sql/store/ddl/insert_bulk.sql", Map.of("table", table.name(),
                "columns", columns, "function", NAME));
    }

    /** It returns the chunks of the insert its thread runs. */
    private static final class Function implements DuckDBTableFunction<Insert, Insert, Object> {
        @Override
        public Insert bind(DuckDBTableFunctionBindInfo info) {
            Insert insert = RUNNING.get();
            if (insert == null) {
                throw new IllegalStateException(NAME + "() serves the tool's own inserts only");
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
