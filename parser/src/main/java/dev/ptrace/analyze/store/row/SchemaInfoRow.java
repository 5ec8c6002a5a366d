package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;

/** A row of {@code schema_info}: a fact about the database itself. */
@RowOf("schema_info")
public record SchemaInfoRow(String key, String value) {
    public static final TableRows<SchemaInfoRow> ROWS =
            TableRows.of(Tables.SCHEMA_INFO, SchemaInfoRow.class,
            SchemaInfoRowWriter::write);
}
