package dev.ptrace.analyze.read.tracedat;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.ptrace.analyze.read.SkipReason;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The compression a version 7 file names in its header ({@code zstd} or {@code zlib}:
 * trace-cmd's trace-compress-zstd.c and trace-compress-zlib.c, whole zstd frames and zlib
 * streams), undoing one compressed block: a section, or a chunk of a CPU's pages.
 */
final class Decompressor {
    private final String name;
    private ZstdDecompressCtx zstd;
    private Inflater zlib;

    private Decompressor(String name) {
        this.name = name;
    }

    /** The decompressor of {@code name}, or null for {@code none} (nothing compressed). */
    static Decompressor of(String name, long offset) {
        return switch (name) {
            case "none" -> null;
            case "zstd", "zlib" -> new Decompressor(name);
            default -> throw new TraceDatException(offset, "compression 'none', 'zstd' or "
                    + "'zlib', found '" + name + "'");
        };
    }

    /**
     * The {@code uncompressed} bytes {@code src[from, from + length)} holds.
     *
     * @param offset where the block is in the file, for the error
     */
    byte[] decompress(byte[] src, int from, int length, int uncompressed, long offset) {
        byte[] out = new byte[uncompressed];
        int n;
        try {
            n = name.equals("zstd") ? zstd(src, from, length, out) : zlib(src, from, length, out);
        } catch (ZstdException | DataFormatException e) {
            throw new TraceDatException(offset, SkipReason.CORRUPT_COMPRESSED_INPUT, "readable "
                    + name + " data, found damage (" + e.getMessage() + ")");
        }
        if (n != uncompressed) {
            throw new TraceDatException(offset, SkipReason.CORRUPT_COMPRESSED_INPUT, "a block of "
                    + uncompressed + " bytes once decompressed, found " + n);
        }
        return out;
    }

    private int zstd(byte[] src, int from, int length, byte[] out) {
        if (zstd == null) {
            zstd = new ZstdDecompressCtx();
        }
        return zstd.decompressByteArray(out, 0, out.length, src, from, length);
    }

    private int zlib(byte[] src, int from, int length, byte[] out) throws DataFormatException {
        if (zlib == null) {
            zlib = new Inflater();
        }
        zlib.reset();
        zlib.setInput(src, from, length);
        int n = 0;
        while (n < out.length && !zlib.finished()) {
            int got = zlib.inflate(out, n, out.length - n);
            if (got == 0 && (zlib.needsInput() || zlib.needsDictionary())) {
                break;
            }
            n += got;
        }
        return n;
    }
}
