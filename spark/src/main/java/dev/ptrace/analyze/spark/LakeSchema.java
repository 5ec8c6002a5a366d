package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.store.Column;
import dev.ptrace.analyze.store.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A lake table in Spark's types, from tables.tsv: the file's columns (the table's without
 * trace_id, in order), then the partition columns date, host and trace_id with the types the
 * lake pins (docs/lake.md). Spark is never left to infer one: a host named 1234 or a trace id
 * of digits only would become a number on Spark and stay text on DuckDB.
 */
public final class LakeSchema {
    private static final String TRACE_ID = "trace_id";
    /** The partition key of a bundle's folder (LakeLayout's). */
    static final String BUNDLE = "bundle";
    private static final Pattern MAP = Pattern.compile("MAP\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");

    private LakeSchema() {
    }

    /** What a view of the table has: the file's columns, then date, host and trace_id. */
    public static StructType of(TableDef table) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!c.name().equals(TRACE_ID)) {
                fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), true));
            }
        }
        fields.add(DataTypes.createStructField("date", DataTypes.DateType, false));
        fields.add(DataTypes.createStructField("host", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(TRACE_ID, DataTypes.StringType, false));
        return DataTypes.createStructType(fields);
    }

    /**
     * What a bundle's file of the table has ({@code date=D/host=H/bundle=B/TABLE.parquet}):
     * the table's columns in order, trace_id among them as text, then the partition columns
     * date, host and bundle.
     */
    public static StructType ofBundle(TableDef table) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : table.columns()) {
            fields.add(DataTypes.createStructField(c.name(), c.name().equals(TRACE_ID)
                    ? DataTypes.StringType : sparkType(c.type()), true));
        }
        fields.add(DataTypes.createStructField("date", DataTypes.DateType, false));
        fields.add(DataTypes.createStructField("host", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(BUNDLE, DataTypes.StringType, false));
        return DataTypes.createStructType(fields);
    }

    /**
     * A DuckDB type of tables.tsv as Spark reads what DuckDB's COPY writes for it. TIMESTAMP
     * is written as a Parquet timestamp not adjusted to UTC: Spark's TIMESTAMP_NTZ, so that
     * both engines show the wall-clock value stored, whatever the session's time zone.
     */
    static DataType sparkType(String duckDbType) {
        String type = duckDbType.strip().toUpperCase(Locale.ROOT);
        Matcher map = MAP.matcher(type);
        if (map.matches()) {
            return DataTypes.createMapType(sparkType(map.group(1)), sparkType(map.group(2)), true);
        }
        return switch (type) {
            case "INTEGER" -> DataTypes.IntegerType;
            case "BIGINT" -> DataTypes.LongType;
            case "VARCHAR" -> DataTypes.StringType;
            case "BOOLEAN" -> DataTypes.BooleanType;
            case "DOUBLE" -> DataTypes.DoubleType;
            case "TIMESTAMP" -> DataTypes.TimestampNTZType;
            default -> throw new IllegalArgumentException("tables.tsv: no Spark type for "
                    + duckDbType);
        };
    }
}
