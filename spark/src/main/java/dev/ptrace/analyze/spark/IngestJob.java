package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.spark.SparkLakeIngest.Filed;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Ingest into a lake as a Spark application ({@code spark-submit --class
 * dev.ptrace.analyze.spark.IngestJob ptrace-analyze-spark.jar LAKE FILE...}): one task per
 * file (SparkLakeIngest). Prints a line per file filed, and a line per file that was not; exits
 * with 2 when any was not, as {@code ingest --lake} does.
 */
@Command(name = "ingest-job", mixinStandardHelpOptions = true,
        description = "Files trace files into a lake with one Spark task per file.")
public final class IngestJob implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAKE", description = "The lake (a path or URI).")
    String lake;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE",
            description = "Trace files (paths, URIs or Hadoop globs every executor can read).")
    List<String> files;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "File every trace under this day (default: the capture's).")
    LocalDate date;

    @Option(names = "--host", paramLabel = "NAME",
            description = "File every trace under this host (default: the capture's).")
    String host;

    @Option(names = "--strict", description = "Fail a file at its first malformed line.")
    boolean strict;

    /**
     * The files, globs expanded (a shell does not expand hdfs:// or s3a://); a name that
     * matches nothing is kept, and its task says it is not there.
     */
    private List<String> expanded(Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : files) {
            Path p = new Path(f);
            FileStatus[] matched = p.getFileSystem(conf).globStatus(p);
            if (matched == null || matched.length == 0) {
                out.add(f);
            } else {
                Arrays.stream(matched).map(m -> m.getPath().toString()).sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestJob()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        SparkSession spark = SparkSession.builder().appName("ptrace-analyze ingest")
                .getOrCreate();
        try {
            List<Filed> filed = SparkLakeIngest.run(
                    JavaSparkContext.fromSparkContext(spark.sparkContext()),
                    expanded(spark.sparkContext().hadoopConfiguration()), lake,
                    new LakePlacement(date, host), strict);
            boolean failed = false;
            for (Filed f : filed) {
                if (f.failure() != null) {
                    System.err.println(f.file() + ": not filed: " + f.failure());
                    failed = true;
                } else {
                    System.out.println(f.file() + ": trace " + f.traceId() + ", " + f.date()
                            + ", host " + f.host() + (f.replaced()
                            ? " (replaced the earlier copy)" : ""));
                }
            }
            return failed ? 2 : 0;
        } finally {
            spark.stop();
        }
    }
}
