package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.fleet.FleetQuery;
import dev.ptrace.analyze.lake.LakeFilter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A lake's traces as a Spark session sees them (SparkLake's views, filtered to the days and
 * host asked for), and the fleet questions asked of them: what Fleet is on DuckDB.
 */
public final class SparkFleet {
    private final SparkSession spark;

    private SparkFleet(SparkSession spark) {
        this.spark = spark;
    }

    /** The traces of {@code lake} that {@code filter} names, as views of {@code spark}. */
    public static SparkFleet open(SparkSession spark, String lake, LakeFilter filter) {
        SparkLake.register(spark, lake, filter);
        return new SparkFleet(spark);
    }

    /** A fleet question's rows in its order: Spark's variant of it where it has one. */
    public Dataset<Row> query(FleetQuery q) {
        return spark.sql(q.sparkSql());
    }
}
