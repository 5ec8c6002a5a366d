package dev.ptrace.analyze.export;

import dev.ptrace.analyze.store.Column;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every table to Parquet or CSV files through DuckDB's COPY, partitioned by trace (a folder
 * per table, {@code trace_id=N} folders inside, as Hive-style readers expect); tables without
 * a trace_id column go to one file each.
 */
public final class TableExport {
    public enum Format { PARQUET, CSV }

    private TableExport() {
    }

    /** Writes the tables into {@code dir}; returns the rows written per table. */
    public static Map<String, Long> write(Connection conn, Path dir, Format format)
            throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        String options = format == Format.PARQUET ? "FORMAT parquet" : "FORMAT csv, HEADER";
        String suffix = format == Format.PARQUET ? ".parquet" : ".csv";
        try (Statement st = conn.createStatement()) {
            for (TableDef t : Tables.all()) {
                boolean perTrace = t.columns().stream().map(Column::name)
                        .anyMatch("trace_id"::equals);
                Path target = dir.resolve(perTrace ? t.name() : t.name() + suffix);
                // COPY takes no parameter for its target: the path is written in, quoted
                String sql = "COPY " + t.name() + " TO '" + target.toString().replace("'", "''")
                        + "' (" + options + (perTrace ? ", PARTITION_BY (trace_id), "
                        + "OVERWRITE_OR_IGNORE" : "") + ")";
                rows.put(t.name(), st.executeLargeUpdate(sql));
            }
        }
        return rows;
    }
}
