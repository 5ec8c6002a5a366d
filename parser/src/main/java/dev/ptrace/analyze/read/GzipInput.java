package dev.ptrace.analyze.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * gzip members end to end, as gzip -dc reads them, that end quietly where the data stops being
 * readable: a file cut while being written, a damaged member, or bytes after the last member
 * that are not one (gzip(1): "trailing garbage ignored"). Everything decompressed before that
 * point is delivered; {@link #damage()} then says what was wrong, for the caller to count or
 * refuse.
 */
final class GzipInput extends GZIPInputStream {
    /** Bytes the inflater holds after a member's deflate data: its 8-byte trailer. */
    private static final int TRAILER = 8;
    private final InputStream compressed;
    private Damage damage;

    /** What ended the data early, with the reason it is counted under. */
    record Damage(SkipReason reason, String message) {
    }

    GzipInput(InputStream compressed, int size) throws IOException {
        super(compressed, size);
        this.compressed = compressed;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (damage != null) {
            return -1;
        }
        try {
            int n = super.read(buf, off, len);
            if (n < 0 && trailingBytes()) {
                damage = new Damage(SkipReason.TRAILING_GARBAGE, "gzip members up to the end "
                        + "of the file, found bytes after the last member that are not one");
            }
            return n;
        } catch (EOFException e) {
            damage = new Damage(SkipReason.TRUNCATED_INPUT, "a complete gzip stream, found "
                    + "the end of the file inside it (cut while being written?)");
        } catch (ZipException e) {
            damage = new Damage(SkipReason.CORRUPT_COMPRESSED_INPUT, "readable gzip data, "
                    + "found damage (" + e.getMessage() + ")");
        }
        return -1;
    }

    /**
     * After the last member: whether bytes follow it. GZIPInputStream reads past a member's
     * trailer only when the next bytes may be another member and ends silently otherwise.
     */
    private boolean trailingBytes() throws IOException {
        return inf.getRemaining() > TRAILER || compressed.read() >= 0;
    }

    /** What cut the data short, or null when it ended as a gzip file should. */
    Damage damage() {
        return damage;
    }
}
