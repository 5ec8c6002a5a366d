package dev.ptrace.analyze.read.tracedat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ptrace.analyze.read.SkipReason;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * zlib blocks as trace-cmd's compress2 writes them (zstd's are read from the committed
 * captures: trace-cmd 3.1 on Debian writes no zlib).
 */
class DecompressorTest {
    private static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void aZlibChunkOfPagesComesBackWhole() {
        byte[] pages = new byte[3 * 4096];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = (byte) (i * 7 % 251);
        }
        byte[] packed = zlib(pages);
        Decompressor zlib = Decompressor.of("zlib", 0);
        assertArrayEquals(pages, zlib.decompress(packed, 0, packed.length, pages.length, 100));
        assertArrayEquals(pages, zlib.decompress(packed, 0, packed.length, pages.length, 200),
                "again, with the same inflater");
    }

    @Test
    void damagedOrShortDataIsCorruptCompressedInputAtItsOffset() {
        byte[] packed = zlib(new byte[4096]);
        Decompressor zlib = Decompressor.of("zlib", 0);
        packed[packed.length / 2] ^= 0x55;
        TraceDatException damaged = assertThrows(TraceDatException.class,
                () -> zlib.decompress(packed, 0, packed.length, 4096, 300));
        assertEquals(300, damaged.offset());
        assertEquals(SkipReason.CORRUPT_COMPRESSED_INPUT, damaged.reason());
        TraceDatException cut = assertThrows(TraceDatException.class,
                () -> zlib.decompress(packed, 0, 4, 4096, 400));
        assertEquals(SkipReason.CORRUPT_COMPRESSED_INPUT, cut.reason());
        assertNull(Decompressor.of("none", 0));
        assertThrows(TraceDatException.class, () -> Decompressor.of("lz4", 37));
    }
}
