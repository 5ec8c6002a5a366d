package dev.ptrace.analyze.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A binary capture opened for reading: its name, format and first bytes, a channel from its
 * first byte on, and the file itself when it is one (random access to headers and sections;
 * null for a pipe); {@code temporary} is a decompressed copy removed on close, or null.
 */
public record BinaryInput(String name, BinaryFormat format, ByteBuffer headBytes,
                          ReadableByteChannel channel, SeekableByteChannel file,
                          Path temporary)
        implements TraceSource {
    /** The first bytes (up to 8 KiB), as a fresh buffer to read. */
    public ByteBuffer head() {
        return headBytes.duplicate();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (temporary != null) {
            Files.deleteIfExists(temporary);
        }
    }
}
