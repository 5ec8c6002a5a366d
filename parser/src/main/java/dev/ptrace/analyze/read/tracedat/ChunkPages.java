package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.SkipReason;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A CPU's pages compressed in chunks (version 7): a 32-bit count of chunks, then each chunk's
 * compressed and uncompressed sizes (32 bits each) and its compressed bytes, a whole number of
 * pages once decompressed. One chunk is held at a time.
 */
final class ChunkPages implements CpuPages {
    /** trace-cmd writes chunks of 10 pages; far larger ones are damage, not data. */
    private static final int MAX_CHUNK = 64 << 20;
    private final FileBytes file;
    private final Decompressor decompressor;
    private final int pageSize;
    private final String cpu;
    private long at;
    private long chunksLeft = -1;
    private long chunkOffset;
    private byte[] chunk;
    private int nextPage;

    ChunkPages(FileBytes file, TraceDatLayout.CpuData cpu, int pageSize,
               Decompressor decompressor) {
        this.file = file;
        this.decompressor = decompressor;
        this.pageSize = pageSize;
        this.at = cpu.offset();
        this.cpu = "CPU " + cpu.cpu();
    }

    @Override
    public Page next() throws IOException {
        if (chunksLeft < 0) {
            chunksLeft = header(4).getInt() & 0xffffffffL;
        }
        if (chunk == null || nextPage * pageSize >= chunk.length) {
            if (chunksLeft == 0) {
                return null;
            }
            readChunk();
        }
        int from = nextPage++ * pageSize;
        ByteBuffer bytes = ByteBuffer.wrap(chunk, from, Math.min(pageSize, chunk.length - from))
                .slice().order(file.order());
        return new Page(bytes, chunkOffset, false);
    }

    private void readChunk() throws IOException {
        chunkOffset = at;
        ByteBuffer sizes = header(8);
        long compressed = sizes.getInt() & 0xffffffffL;
        long uncompressed = sizes.getInt() & 0xffffffffL;
        if (compressed > MAX_CHUNK || uncompressed > MAX_CHUNK || uncompressed == 0) {
            throw new TraceDatException(chunkOffset, "a chunk of " + cpu + "'s compressed "
                    + "pages of at most " + MAX_CHUNK + " bytes, found " + compressed
                    + " compressed, " + uncompressed + " decompressed");
        }
        ByteBuffer data = file.readAt(at, (int) compressed);
        if (data.remaining() < compressed) {
            throw cut();
        }
        at += compressed;
        chunk = decompressor.decompress(data.array(), 0, (int) compressed, (int) uncompressed,
                chunkOffset);
        nextPage = 0;
        chunksLeft--;
    }

    private ByteBuffer header(int length) throws IOException {
        ByteBuffer b = file.readAt(Math.min(at, file.size()), length);
        if (b.remaining() < length) {
            throw cut();
        }
        at += length;
        return b;
    }

    private TraceDatException cut() {
        return new TraceDatException(at, SkipReason.TRUNCATED_INPUT, cpu + "'s compressed "
                + "pages whole, found the file ending inside them (cut short?): its events up "
                + "to there are read");
    }
}
