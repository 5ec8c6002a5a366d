package dev.ptrace.analyze.spark;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.lake.LakeTrace;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.spark.SparkLakeIngest.Filed;
import dev.ptrace.analyze.store.Query;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One trace file into a lake, on whichever machine Spark runs the task: read into a database
 * in memory, analysed, and filed by LakeWriter. A file or a lake on another file system than
 * the machine's disk (HDFS, S3) goes through a folder of local disk: the capture is copied
 * there first (keeping its modification time, which dates a capture that says nothing of
 * its day), the trace written into a lake there, then moved into the lake by RemoteLake.
 *
 * @param lake   the lake, a path or URI as Hadoop reads it
 * @param date   the day to file under, or null: the capture's
 * @param host   the host to file under, or null: the capture's
 * @param strict stop at the first malformed line instead of counting it
 */
record IngestTask(String lake, LocalDate date, String host, boolean strict)
        implements Serializable {
    private static final String SOURCE_SQL = TextResource.load("/sql/spark/source_as_given.sql");

    /** Files {@code file}; what became of it. */
    Filed run(String file, Configuration conf) {
        java.nio.file.Path work = null;
        try {
            work = Files.createTempDirectory("ptrace-lake-ingest");
            Path source = new Path(file);
            String input = local(source, conf) ? localFile(source, conf).toString()
                    : fetch(source, conf, work).toString();
            Path lakeRoot = new Path(lake);
            FileSystem lakeFs = lakeRoot.getFileSystem(conf);
            boolean localLake = lakeFs instanceof LocalFileSystem;
            java.nio.file.Path target = localLake ? localFile(lakeRoot, conf)
                    : work.resolve("lake");
            LakeTrace t = write(file, input, target);
            boolean replaced = localLake ? t.replaced()
                    : new RemoteLake(lakeFs, lakeFs.makeQualified(lakeRoot))
                            .publish(target, t.dir(), t.traceId());
            return new Filed(file, t.traceId(), t.date(), t.host(), replaced, null);
        } catch (IOException | SQLException | RuntimeException e) {
            return new Filed(file, null, null, null, false, e.getMessage() != null
                    ? e.getMessage() : e.toString());
        } finally {
            delete(work);
        }
    }

    /** Reads {@code input} (the local form of {@code file}) and files it into {@code target}. */
    private LakeTrace write(String file, String input, java.nio.file.Path target)
            throws SQLException {
        Workspace w = Workspace.create(null);
        try {
            w.ingest(input, strict);
            if (!input.equals(file)) {
                Query.update(w.connection(), SOURCE_SQL, file, input);
            }
        } catch (RuntimeException | SQLException e) {
            w.close();
            throw e;
        }
        try (TraceAnalysis a = TraceAnalysis.over(w)) {
            return a.exportLake(target, new LakePlacement(date, host)).get(0);
        }
    }

    private static boolean local(Path p, Configuration conf) throws IOException {
        return p.getFileSystem(conf) instanceof LocalFileSystem;
    }

    private static java.nio.file.Path localFile(Path p, Configuration conf) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        return java.nio.file.Path.of(fs.makeQualified(p).toUri());
    }

    /** A copy of the capture on local disk, under its own name (its suffix tells .gz). */
    private static java.nio.file.Path fetch(Path source, Configuration conf,
                                            java.nio.file.Path work) throws IOException {
        FileSystem fs = source.getFileSystem(conf);
        FileStatus status = fs.getFileStatus(source);
        java.nio.file.Path copy = work.resolve(source.getName());
        fs.copyToLocalFile(false, source, new Path(copy.toUri()), true);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(status.getModificationTime()));
        return copy;
    }

    /**
     * Clears the task's folder; what cannot be deleted is left to the temporary folder's
     * cleaning: it costs disk, and the trace is filed.
     */
    private static void delete(java.nio.file.Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>)
                    all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left behind, see above
        }
    }
}
