package dev.ptrace.analyze.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.util.UUID;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A trace written into a lake on this machine's disk, moved into a lake on a Hadoop file
 * system (HDFS, S3): the trace's folder copied under the lake's {@code _staging/}, any earlier
 * copy of the same capture taken out, then renamed into place, as LakeWriter does on a local
 * disk. On HDFS the rename is atomic; on S3 a rename is a copy and a delete, so a reader
 * listing the lake in that moment may see part of the trace (docs/spark.md).
 */
final class RemoteLake {
    private static final String STAGING = "_staging";

    private final FileSystem fs;
    private final Path root;

    RemoteLake(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /**
     * Moves the trace {@code traceId}, filed in {@code local} (a lake this machine wrote) as
     * {@code date=D/host=H/trace_id=ID}, into this lake; whether an earlier copy was there.
     */
    boolean publish(java.nio.file.Path local, java.nio.file.Path traceDir, String traceId)
            throws IOException {
        copyLakeFiles(local);
        Path staged = new Path(root, STAGING + "/" + UUID.randomUUID());
        try {
            fs.copyFromLocalFile(false, true, new Path(traceDir.toUri()), staged);
            refuseIfBundled(traceId);
            FileStatus[] earlier = fs.globStatus(new Path(root,
                    "date=*/host=*/trace_id=" + traceId));
            for (FileStatus old : earlier == null ? new FileStatus[0] : earlier) {
                fs.delete(old.getPath(), true);
            }
            Path target = new Path(root, local.relativize(traceDir).toString());
            fs.mkdirs(target.getParent());
            // a rename onto a folder moves into it: a task filing the same capture at the same
            // moment must not leave its copy inside this one's
            if (fs.exists(target) || !fs.rename(staged, target)) {
                throw new IOException("cannot rename " + staged + " to " + target
                        + " (the same capture filed by another task at the same moment?)");
            }
            return earlier != null && earlier.length > 0;
        } finally {
            fs.delete(staged, true);
        }
    }

    /**
     * A capture filed again whose earlier copy was compacted into a bundle: LakeWriter takes it
     * out by writing the bundle again, which this job does not do on a remote lake; filing it
     * beside the bundle would put it in the lake twice.
     */
    private void refuseIfBundled(String traceId) throws IOException {
        FileStatus[] lists = fs.globStatus(new Path(root, "date=*/host=*/bundle=*/_traces"));
        for (FileStatus list : lists == null ? new FileStatus[0] : lists) {
            try (var in = fs.open(list.getPath())) {
                if (new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(traceId::equals)) {
                    throw new IOException("trace " + traceId + " is already in the bundle "
                            + list.getPath().getParent() + ": compacted captures are filed again "
                            + "by ingest --lake on a local copy of that folder");
                }
            }
        }
    }

    /**
     * The lake's own files beside the trace folders (its schema version): put where the lake
     * has none yet, written aside and renamed, so that tasks starting a lake at once each find
     * a whole file; a lake holding other ones is of another version, and is not written.
     */
    private void copyLakeFiles(java.nio.file.Path local) throws IOException {
        try (DirectoryStream<java.nio.file.Path> files = Files.newDirectoryStream(local,
                Files::isRegularFile)) {
            for (java.nio.file.Path f : files) {
                Path remote = new Path(root, f.getFileName().toString());
                if (!fs.exists(remote)) {
                    Path aside = new Path(root, STAGING + "/" + UUID.randomUUID() + "-"
                            + f.getFileName());
                    fs.copyFromLocalFile(false, true, new Path(f.toUri()), aside);
                    renameUnlessThere(aside, remote);
                }
                if (!same(f, remote)) {
                    throw new IOException("the lake " + root + " holds another "
                            + f.getFileName() + " than this ptrace-analyze writes");
                }
            }
        }
    }

    /** The first task's rename wins; another's copy is dropped (S3A refuses, HDFS returns false). */
    private void renameUnlessThere(Path aside, Path target) throws IOException {
        try {
            fs.rename(aside, target);
        } catch (FileAlreadyExistsException e) {
            // another task's file is there: compared by the caller
        } finally {
            fs.delete(aside, false);
        }
    }

    private boolean same(java.nio.file.Path local, Path remote) throws IOException {
        try (var in = fs.open(remote)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .equals(Files.readString(local, StandardCharsets.UTF_8));
        }
    }
}
