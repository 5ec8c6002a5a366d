package dev.ptrace.analyze.export;

import dev.ptrace.analyze.knowledge.TextResource;
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
    /** A file format: COPY's options for it, and the suffix of a file of one table. */
    public enum Format {
        PARQUET("FORMAT parquet", ".parquet"),
        CSV("FORMAT csv, HEADER", ".csv");

        private final String options;
        private final String suffix;

        Format(String options, String suffix) {
            this.options = options;
            this.suffix = suffix;
        }
    }

    /** COPY's options for a table written a folder per trace. */
    private static final String PER_TRACE = ", PARTITION_BY (trace_id), OVERWRITE_OR_IGNORE";

    private TableExport() {
    }

    /** Writes the tables into {@code dir}; returns the rows written per table. */
    public static Map<String, Long> write(Connection conn, Path dir, Format format)
            throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement st = conn.createStatement()) {
            for (TableDef t : Tables.all()) {
                boolean perTrace = t.columns().stream().map(Column::name)
                        .anyMatch("trace_id"::equals);
                Path target = dir.resolve(perTrace ? t.name() : t.name() + format.suffix);
                String sql = TextResource.fill("/sql/export/copy_table.sql", Map.of(
                        "table", t.name(),
                        "target", "'" + target.toString().replace("'", "''") + "'",
                        "options", format.options + (perTrace ? PER_TRACE : "")));
                rows.put(t.name(), st.executeLargeUpdate(sql));
            }
        }
        return rows;
    }
}
