package dev.ptrace.analyze.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks of rows kept in the order added: in memory up to a budget, the rest in a temporary
 * file in {@link RowChunk}'s format, so that memory stays flat whatever the trace. The one
 * place the tool spills rows: the rows an insert waits for, the replay's events, the what-if
 * models' holds.
 */
final class ChunkSpill implements AutoCloseable {
    private final String name;
    private final int inMemoryLimit;
    private final List<RowChunk> inMemory = new ArrayList<>();
    private Path file;
    private DataOutputStream out;
    private long spilled;

    /** {@code name} names the temporary file and the messages; {@code inMemory} in chunks. */
    ChunkSpill(String name, int inMemory) {
        this.name = name;
        this.inMemoryLimit = inMemory;
    }

    /**
     * Keeps {@code c}, full or the last one. Returns it when it went to the file (its rows are
     * written: fill it again), else null (it is kept: fill a new one).
     */
    RowChunk add(RowChunk c) {
        if (out == null && inMemory.size() < inMemoryLimit) {
            inMemory.add(c);
            return null;
        }
        try {
            if (out == null) {
                file = TempFiles.file("ptrace-analyze-" + name + "-", ".rows");
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                        1 << 16));
            }
            c.writeTo(out);
            spilled++;
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary rows of " + name, e);
        }
    }

    /** Chunks kept in memory. */
    int inMemory() {
        return inMemory.size();
    }

    /** The chunks in order: memory first, then the file (into one chunk, reused). */
    Reader reader(ColumnKind[] kinds) {
        return new Reader(kinds);
    }

    /** Starts empty: the file is removed. */
    void clear() {
        inMemory.clear();
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                TempFiles.remove(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temporary rows of " + name, e);
        } finally {
            out = null;
            file = null;
            spilled = 0;
        }
    }

    @Override
    public void close() {
        clear();
    }

    final class Reader {
        private final RowChunk reuse;
        private int next;
        private long read;
        private DataInputStream in;

        private Reader(ColumnKind[] kinds) {
            reuse = new RowChunk(kinds);
        }

        /** Whether {@code c} is the chunk file chunks are read into (it is not the caller's). */
        boolean owns(RowChunk c) {
            return c == reuse;
        }

        /** The next chunk, or null after the last. */
        RowChunk next() throws IOException {
            if (next < inMemory.size()) {
                return inMemory.get(next++);
            }
            if (read == spilled) {
                if (in != null) {
                    in.close();
                    in = null;
                }
                return null;
            }
            if (in == null) {
                out.flush();
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                        1 << 16));
            }
            read++;
            reuse.readFrom(in);
            return reuse;
        }
    }
}
