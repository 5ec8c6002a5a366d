package dev.ptrace.analyze.progress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read from a file and tells {@link Progress} every few hundred KB. */
public final class CountingInputStream extends FilterInputStream {
    private static final long EVERY = 1 << 18;
    private final String source;
    private final long total;
    private long read;
    private long reported;

    /** {@code total}: the file's size, -1 when unknown (a pipe). */
    public CountingInputStream(InputStream in, String source, long total) {
        super(in);
        this.source = source;
        this.total = total;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) {
        read += n;
        if (read - reported >= EVERY) {
            reported = read;
            Progress.current().reading(source, read, total);
        }
    }
}
