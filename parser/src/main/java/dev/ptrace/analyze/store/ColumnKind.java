package dev.ptrace.analyze.store;

import org.duckdb.DuckDBColumnType;

/**
 * How the rows written column by column hold a column's values: numbers and booleans as
 * longs, text as strings (a MAP column travels as a JSON object, which the insert casts).
 * The one mapping from tables.tsv's types; a type not here is written by a JDBC batch.
 */
public enum ColumnKind {
    INT(DuckDBColumnType.INTEGER),
    BIGINT(DuckDBColumnType.BIGINT),
    BOOL(DuckDBColumnType.BOOLEAN),
    TEXT(DuckDBColumnType.VARCHAR);

    /** The type the row function gives the column as. */
    final DuckDBColumnType duckType;

    ColumnKind(DuckDBColumnType duckType) {
        this.duckType = duckType;
    }

    /** The kind of a column of tables.tsv's {@code type}; null when rows cannot hold it. */
    public static ColumnKind of(String type) {
        return switch (type) {
            case "INTEGER" -> INT;
            case "BIGINT" -> BIGINT;
            case "BOOLEAN" -> BOOL;
            case "VARCHAR", "MAP(VARCHAR, BIGINT)", "MAP(VARCHAR, VARCHAR)" -> TEXT;
            default -> null;
        };
    }

    /** The kinds of a table's columns; fails on a column rows cannot hold. */
    static ColumnKind[] of(TableDef table) {
        ColumnKind[] kinds = new ColumnKind[table.columns().size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = of(table.columns().get(i).type());
            if (kinds[i] == null) {
                throw new IllegalArgumentException(table.name() + "."
                        + table.columns().get(i).name() + ": no bulk column type "
                        + table.columns().get(i).type());
            }
        }
        return kinds;
    }
}
