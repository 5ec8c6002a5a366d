package dev.ptrace.analyze.read.tracedat;

import java.io.IOException;
import java.nio.ByteBuffer;

/** One CPU's ring-buffer pages, in the order the kernel filled them, one at a time. */
interface CpuPages {
    /**
     * A page.
     *
     * @param bytes  the page from position 0, in the capture's byte order
     * @param offset where the page starts in the file; for compressed data, where the chunk
     *               holding it starts
     * @param inFile whether the page's own bytes are at {@code offset} (so that an event's
     *               place in the file is {@code offset} plus its place in the page)
     */
    record Page(ByteBuffer bytes, long offset, boolean inFile) {
        /** The place in the file of the byte at {@code index} of the page. */
        long fileOffset(int index) {
            return inFile ? offset + index : offset;
        }
    }

    /**
     * The next page, or null after the last.
     *
     * @throws TraceDatException where the data cannot be read on (the rest of the CPU's data
     *                           is given up)
     */
    Page next() throws IOException;
}
