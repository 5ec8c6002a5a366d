package dev.ptrace.analyze.read.tracedat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/** Bytes of a trace.dat at known places, read from its channel whatever else reads it. */
final class FileBytes {
    private final SeekableByteChannel file;
    private final ByteOrder order;
    private final long size;

    FileBytes(SeekableByteChannel file, ByteOrder order) throws IOException {
        this.file = file;
        this.order = order;
        this.size = file.size();
    }

    long size() {
        return size;
    }

    ByteOrder order() {
        return order;
    }

    /**
     * {@code length} bytes at {@code offset}, or fewer where the file ends first (a caller that
     * needs them all checks {@code remaining()}).
     */
    ByteBuffer readAt(long offset, int length) throws IOException {
        if (offset < 0 || offset > size) {
            throw new TraceDatException(offset, "a place inside the file of " + size
                    + " bytes, found offset " + offset);
        }
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, size - offset)).order(order);
        file.position(offset);
        while (b.hasRemaining() && file.read(b) >= 0) {
            // until full or the end of the file
        }
        return b.flip();
    }

    /** Exactly {@code length} bytes at {@code offset}, for {@code what}. */
    ByteBuffer readAll(long offset, long length, String what) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8 || offset + length > size) {
            throw new TraceDatException(offset, what + " of " + length + " bytes inside the "
                    + "file, found " + Math.max(0, size - offset) + " bytes left");
        }
        ByteBuffer b = readAt(offset, (int) length);
        if (b.remaining() < length) {
            throw new TraceDatException(offset, what + " of " + length + " bytes, found the "
                    + "file ending first");
        }
        return b;
    }

    /**
     * The file from its start as one buffer, for the version 6 header whose length only its
     * parse tells: mapped where the file is one (nothing is read until it is parsed), else read.
     */
    ByteBuffer whole() throws IOException {
        if (file instanceof FileChannel channel) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0,
                    Math.min(size, Integer.MAX_VALUE)).order(order);
        }
        return readAt(0, (int) Math.min(size, Integer.MAX_VALUE));
    }
}
