package dev.ptrace.analyze.read.tracedat;

import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events of one ring-buffer page as the kernel writes them (kernel/trace/ring_buffer.c) and
 * libtraceevent's kbuffer reads them: the page's timestamp and its commit word (the bytes of
 * data, a flag for events missed before the page and one for their count stored after the
 * data), then entries, each a 32-bit word of type_len (5 bits) and time delta (27 bits):
 * padding (29), a time extend (30: 32 more bits of delta), an absolute timestamp (31), or an
 * event of {@code type_len * 4} bytes (0: its length in the next word). Every entry adds its
 * delta to the running time; an event's time is the time after its own delta.
 */
final class RingBufferPage {
    private static final int PADDING = 29;
    private static final int TIME_EXTEND = 30;
    private static final int TIME_STAMP = 31;
    private static final long MISSING_EVENTS = 1L << 31;
    private static final long MISSING_STORED = 1L << 30;
    private static final long COMMIT_MASK = (1L << 27) - 1;
    /** An absolute timestamp lacks the top 5 bits: they are kept from the running time. */
    private static final long TS_MSB = 0xf8L << 56;
    private static final Pattern COMMIT = Pattern.compile(
            "field:\\s*local_t\\s+commit;\\s*offset:\\d+;\\s*size:(\\d+);");

    private final int commitSize;
    private final int dataStart;
    private ByteBuffer page;
    private long time;
    private int size;
    private int next;
    private long missedBefore;
    private long eventTime;
    private int eventStart;
    private int eventSize;
    private int eventAt;

    /** @param commitSize bytes of the commit word: the traced kernel's long */
    RingBufferPage(int commitSize) {
        this.commitSize = commitSize;
        this.dataStart = 8 + commitSize;
    }

    /**
     * The size of the commit word the header_page format gives (the kernel's long, which
     * trace-cmd takes for the file's long size from then on), or {@code longSize} without one.
     */
    static int commitSize(String headerPage, int longSize) {
        Matcher m = COMMIT.matcher(headerPage);
        int size = m.find() ? Integer.parseInt(m.group(1)) : longSize;
        return size == 4 ? 4 : 8;
    }

    /**
     * Starts on {@code bytes} (the page from position 0, in the capture's byte order).
     *
     * @throws TraceDatException (offset within the page) when its data does not fit it
     */
    void load(ByteBuffer bytes) {
        page = bytes;
        size = 0;
        next = 0;
        if (bytes.limit() < dataStart) {
            throw new TraceDatException(0, "a page header of " + dataStart + " bytes, found "
                    + bytes.limit());
        }
        time = bytes.getLong(0);
        long commit = word(8);
        int committed = (int) (commit & COMMIT_MASK);
        if (dataStart + committed > bytes.limit()) {
            throw new TraceDatException(8, "a page's data inside its " + bytes.limit()
                    + " bytes, found a commit of " + committed);
        }
        size = committed;
        if ((commit & MISSING_EVENTS) == 0) {
            missedBefore = 0;
        } else if ((commit & MISSING_STORED) != 0
                && dataStart + size + commitSize <= bytes.limit()) {
            missedBefore = word(dataStart + size);
        } else {
            missedBefore = -1;
        }
    }

    /**
     * Moves to the next event of the page; false after the last.
     *
     * @throws TraceDatException (offset within the page) at an entry that does not fit it
     */
    boolean next() {
        while (next < size) {
            int at = next;
            int header = int32(dataStart + at);
            boolean big = page.order() == java.nio.ByteOrder.BIG_ENDIAN;
            int typeLen = big ? header >>> 27 : header & 0x1f;
            long delta = big ? header & 0x7ffffff : header >>> 5;
            long length;
            int data = at + 4;
            switch (typeLen) {
                case PADDING -> {
                    time += delta;
                    next = (int) Math.min(size, data + (int32(dataStart + data) & 0xffffffffL));
                    continue;
                }
                case TIME_EXTEND, TIME_STAMP -> {
                    long extended = ((int32(dataStart + data) & 0xffffffffL) << 27) + delta;
                    time = typeLen == TIME_EXTEND ? time + extended : extended | (time & TS_MSB);
                    next = data + 4;
                    continue;
                }
                case 0 -> {
                    length = ((int32(dataStart + data) & 0xffffffffL) - 4 + 3) & ~3L;
                    data += 4;
                }
                default -> length = typeLen * 4L;
            }
            if (length < 0 || dataStart + data + length > page.limit()) {
                throw new TraceDatException(dataStart + at, "an event inside its page, found "
                        + "one of " + length + " bytes at " + (dataStart + data));
            }
            time += delta;
            eventTime = time;
            eventAt = at;
            eventStart = dataStart + data;
            eventSize = (int) length;
            next = data + (int) length;
            return true;
        }
        return false;
    }

    /** The event's time, on the capture's clock. */
    long time() {
        return eventTime;
    }

    /** Where the event's record starts in the page (its {@code common_type}). */
    int start() {
        return eventStart;
    }

    int eventSize() {
        return eventSize;
    }

    /** Where the event's entry (its header word) is in the page. */
    int entryOffset() {
        return dataStart + eventAt;
    }

    /**
     * The events the kernel says were lost before this page (-1: some, not how many), told
     * with the page's first entry when that is an event, as libtraceevent's kbuffer tells it.
     */
    long missed() {
        return eventAt == 0 ? missedBefore : 0;
    }

    private long word(int at) {
        return commitSize == 8 ? page.getLong(at) : page.getInt(at) & 0xffffffffL;
    }

    private int int32(int at) {
        if (at + 4 > page.limit()) {
            throw new TraceDatException(at, "an entry inside its page, found the page ending");
        }
        return page.getInt(at);
    }
}
