package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.fleet.FleetQueries;
import dev.ptrace.analyze.fleet.FleetQuery;
import dev.ptrace.analyze.lake.LakeFilter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The fleet questions as a Spark application ({@code spark-submit --class
 * dev.ptrace.analyze.spark.FleetJob ptrace-analyze-spark.jar LAKE OUT [QUERY...]}): each
 * question's rows written under {@code OUT/QUERY/} as one CSV file with a header
 * ({@code csv/}) and as Parquet ({@code parquet/}), replacing an earlier run's. The lake and
 * OUT may be local paths or hdfs:// and s3a:// URIs (docs/spark.md). Prints each question's
 * rows and time.
 */
@Command(name = "fleet-job", mixinStandardHelpOptions = true,
        description = "Runs fleet questions over a lake on Spark and writes their rows.")
public final class FleetJob implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAKE", description = "The lake (a path or URI).")
    String lake;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the rows go.")
    String out;

    @Parameters(index = "2..*", paramLabel = "QUERY",
            description = "Questions to run (default: all).")
    List<String> names = List.of();

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "First day read.")
    LocalDate since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last day read.")
    LocalDate until;

    @Option(names = "--host", paramLabel = "NAME", description = "The one host read.")
    String host;

    @Option(names = "--queries", paramLabel = "DIR",
            description = "A folder of the user's own NAME.sql questions (on the driver).")
    Path userQueries;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetJob()).execute(args));
    }

    @Override
    public Integer call() {
        FleetQueries queries = userQueries == null ? FleetQueries.shipped()
                : FleetQueries.shipped().with(userQueries);
        List<FleetQuery> wanted = names.isEmpty() ? queries.all()
                : names.stream().map(queries::named).toList();
        SparkSession spark = SparkSession.builder().appName("ptrace-analyze fleet")
                .getOrCreate();
        try {
            SparkFleet fleet = SparkFleet.open(spark, lake, new LakeFilter(since, until, host,
                    null));
            for (FleetQuery q : wanted) {
                long start = System.nanoTime();
                long rows = write(fleet.query(q), out + "/" + q.name());
                System.out.printf("%s: %,d rows in %.1f s%n", q.name(), rows,
                        (System.nanoTime() - start) / 1e9);
            }
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * A question's rows as one CSV and one Parquet file: a fleet answer is small, and one
     * partition keeps its ORDER BY in the file. Kept in memory between the writes, so that
     * the lake is read once; the number of rows.
     */
    private static long write(Dataset<Row> rows, String dir) {
        Dataset<Row> one = rows.coalesce(1).cache();
        try {
            one.write().mode(SaveMode.Overwrite).option("header", true).csv(dir + "/csv");
            one.write().mode(SaveMode.Overwrite).parquet(dir + "/parquet");
            return one.count();
        } finally {
            one.unpersist();
        }
    }
}
