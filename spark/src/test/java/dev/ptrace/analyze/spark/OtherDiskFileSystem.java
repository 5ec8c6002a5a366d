package dev.ptrace.analyze.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * This machine's disk under another scheme ({@code otherdisk:///PATH}): a Hadoop file system
 * that is not the local one, as HDFS and S3 are not, so that tests take the way files and
 * lakes on those go (copied to and from local disk) without a cluster.
 */
public class OtherDiskFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "otherdisk";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
