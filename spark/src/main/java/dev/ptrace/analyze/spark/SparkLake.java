package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.lake.LakeFilter;
import dev.ptrace.analyze.lake.LakeLayout;
import dev.ptrace.analyze.store.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A lake's tables as temporary views of a Spark session, named as the tables, each with the
 * columns date, host and trace_id of its folders ({@code LAKE/date=D/host=H/trace_id=T/
 * TABLE.parquet}, and the bundles of compacted folders, {@code bundle=B/TABLE.parquet} with
 * trace_id a column), as LakeViews gives them to DuckDB. The lake is a local path or any Hadoop
 * file system's URI (hdfs://, s3a://).
 *
 * <p>Only the folders the layout names are read: every level of the pattern begins with
 * {@code date=}, {@code host=} or {@code trace_id=}, so a trace being written (under
 * {@code _staging/}) is never seen. A table no trace has a file of is an empty view of the same
 * columns, so that a query naming it still runs.
 */
public final class SparkLake {
    private static final String SUFFIX = ".parquet";

    private SparkLake() {
    }

    /** Registers a view per lake table over the traces {@code filter} names. */
    public static void register(SparkSession spark, String lake, LakeFilter filter) {
        Map<String, List<String>> loose = filesByTable(spark, lake, LakeLayout.glob(lake, "*"));
        Map<String, List<String>> bundled = filesByTable(spark, lake,
                LakeLayout.bundleGlob(lake, "*"));
        for (TableDef table : LakeLayout.TABLES) {
            StructType schema = LakeSchema.of(table);
            Dataset<Row> rows = spark.createDataFrame(List.of(), schema);
            List<String> paths = loose.getOrDefault(table.name(), List.of());
            if (!paths.isEmpty()) {
                rows = spark.read().schema(schema).option("basePath", lake)
                        .parquet(paths.toArray(String[]::new));
            }
            List<String> bundles = bundled.getOrDefault(table.name(), List.of());
            if (!bundles.isEmpty()) {
                // the view's columns in its order: the bundle's trace_id moves to the end
                Column[] columns = Arrays.stream(schema.fieldNames()).map(functions::col)
                        .toArray(Column[]::new);
                rows = rows.unionByName(spark.read().schema(LakeSchema.ofBundle(table))
                        .option("basePath", lake).parquet(bundles.toArray(String[]::new))
                        .select(columns));
            }
            rows.where(condition(filter)).createOrReplaceTempView(table.name());
        }
    }

    /**
     * The filter as a condition on the partition columns alone, which Spark applies to the
     * folders' names before it opens a file (the scan's PartitionFilters).
     */
    static Column condition(LakeFilter filter) {
        Column keep = functions.lit(true);
        if (filter.since() != null) {
            keep = keep.and(functions.col("date").geq(functions.lit(filter.since())));
        }
        if (filter.until() != null) {
            keep = keep.and(functions.col("date").leq(functions.lit(filter.until())));
        }
        if (filter.host() != null) {
            keep = keep.and(functions.col("host").equalTo(filter.host()));
        }
        if (filter.tracePrefix() != null) {
            keep = keep.and(functions.col("trace_id").startsWith(filter.tracePrefix()));
        }
        return keep;
    }

    /**
     * Each table's files, from one listing of the trace folders (or bundles) for all tables:
     * Spark is handed the files themselves, so that it does not list the lake again for each
     * table.
     */
    private static Map<String, List<String>> filesByTable(SparkSession spark, String lake,
                                                          String glob) {
        Path pattern = new Path(glob);
        try {
            FileSystem fs = pattern.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] files = fs.globStatus(pattern);
            Map<String, List<String>> byTable = new HashMap<>();
            for (FileStatus f : files == null ? new FileStatus[0] : files) {
                String name = f.getPath().getName();
                byTable.computeIfAbsent(name.substring(0, name.length() - SUFFIX.length()),
                        t -> new ArrayList<>()).add(f.getPath().toString());
            }
            return byTable;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lake " + lake, e);
        }
    }
}
