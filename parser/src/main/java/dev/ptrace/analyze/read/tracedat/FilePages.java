package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.SkipReason;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A CPU's pages stored as the kernel wrote them, read from the file a page at a time. */
final class FilePages implements CpuPages {
    private final FileBytes file;
    private final int pageSize;
    private final long end;
    private final String cpu;
    private long at;

    FilePages(FileBytes file, TraceDatLayout.CpuData cpu, int pageSize) {
        this.file = file;
        this.pageSize = pageSize;
        this.at = cpu.offset();
        this.end = cpu.offset() + cpu.size();
        this.cpu = "CPU " + cpu.cpu();
    }

    @Override
    public Page next() throws IOException {
        if (at >= end) {
            return null;
        }
        int length = (int) Math.min(pageSize, end - at);
        if (at + length > file.size()) {
            throw new TraceDatException(file.size(), SkipReason.TRUNCATED_INPUT, cpu
                    + "'s data whole, found the file ending " + (end - file.size())
                    + " bytes before its end (cut short?): its events up to there are read");
        }
        ByteBuffer bytes = file.readAt(at, length);
        Page page = new Page(bytes, at, true);
        at += pageSize;
        return page;
    }
}
