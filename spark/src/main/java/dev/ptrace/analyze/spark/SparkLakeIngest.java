package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.lake.LakePlacement;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Trace files into a lake as a Spark job: one task per file, each reading its file into a
 * database of its own and filing it as one trace (IngestTask), so that the files spread over
 * the executors' cores and one file's failure costs no other. The lake is the same layout
 * {@code ingest --lake} writes; a capture filed twice is there once.
 */
public final class SparkLakeIngest {
    /**
     * What became of a file: where its trace is filed, or why it is not.
     *
     * @param replaced whether the lake held the same capture before (and holds it once now)
     * @param failure  why the file is not in the lake; null when it is
     */
    public record Filed(String file, String traceId, LocalDate date, String host,
                        boolean replaced, String failure) implements Serializable {
    }

    private SparkLakeIngest() {
    }

    /**
     * Files {@code files} (paths or URIs the executors can read) into {@code lake}; what
     * became of each, in the files' order.
     */
    public static List<Filed> run(JavaSparkContext sc, List<String> files, String lake,
                                  LakePlacement placement, boolean strict) {
        if (files.isEmpty()) {
            return List.of();
        }
        IngestTask task = new IngestTask(lake, placement.date(), placement.host(), strict);
        // the driver's Hadoop settings (s3a credentials, HDFS addresses) for every task
        Broadcast<SerializableConfiguration> conf = SerializableConfiguration.broadcast(sc.sc());
        try {
            return sc.parallelize(files, files.size())
                    .map(f -> task.run(f, conf.value().value()))
                    .collect();
        } finally {
            conf.destroy();
        }
    }
}
