package dev.ptrace.analyze.read.tracedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The ring buffer's entries, one kind each, on pages built by hand as the kernel lays them. */
class RingBufferPageTest {
    private static final long PAGE_TIME = 1_000_000L;

    /** A page of 64-bit longs: its time, a commit word, then the entries' words. */
    private static ByteBuffer page(ByteOrder order, long flags, long stored, int... words) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(order);
        b.putLong(0, PAGE_TIME);
        b.putLong(8, flags | words.length * 4L);
        for (int i = 0; i < words.length; i++) {
            b.putInt(16 + 4 * i, words[i]);
        }
        b.putLong(16 + 4 * words.length, stored);
        return b;
    }

    /** An entry's header word, little-endian layout: type_len in the low 5 bits. */
    private static int header(int typeLen, int delta) {
        return typeLen | delta << 5;
    }

    @Test
    void timeExtendsAbsoluteStampsPaddingAndLongEventsAsKbufferReadsThem() {
        RingBufferPage p = new RingBufferPage(8);
        p.load(page(ByteOrder.LITTLE_ENDIAN, 1L << 31 | 1L << 30, 7,
                header(2, 5), 0xaa, 0xbb,             // an 8-byte event, 5 ns after the page
                header(30, 3), 1,                     // a time extend of 2^27 + 3
                header(29, 0), 8,                     // padding: 8 bytes after its header
                0xdead,
                header(0, 2), 4 + 10, 1, 2, 3,        // a 10-byte event, its length in a word
                header(31, 9), 2,                     // an absolute stamp: 2 << 27 + 9
                header(1, 0), 0xcc));                 // a 4-byte event at that time
        assertTrue(p.next());
        assertEquals(PAGE_TIME + 5, p.time());
        assertEquals(20, p.start());
        assertEquals(8, p.eventSize());
        assertEquals(7, p.missed(), "the first entry is told the events stored as missed");
        assertTrue(p.next());
        assertEquals(PAGE_TIME + 5 + (1L << 27) + 3 + 2, p.time());
        assertEquals(16 + 4 * 10, p.start());
        assertEquals(12, p.eventSize(), "10 bytes, rounded up to a word");
        assertEquals(0, p.missed());
        assertTrue(p.next());
        assertEquals((2L << 27) + 9, p.time());
        assertEquals(4, p.eventSize());
        assertFalse(p.next());
    }

    @Test
    void aBigEndianPageHasTypeLenInTheTopBitsAndMissedEventsWithoutACountAreMinusOne() {
        RingBufferPage p = new RingBufferPage(8);
        p.load(page(ByteOrder.BIG_ENDIAN, 1L << 31, 0, 1 << 27 | 6, 0x11));
        assertTrue(p.next());
        assertEquals(PAGE_TIME + 6, p.time());
        assertEquals(4, p.eventSize());
        assertEquals(-1, p.missed());
    }

    @Test
    void aCommitOrAnEventLargerThanThePageIsDamageNamedWithItsPlace() {
        RingBufferPage p = new RingBufferPage(8);
        ByteBuffer big = page(ByteOrder.LITTLE_ENDIAN, 0, 0, header(1, 0), 0);
        big.putLong(8, 5000);
        TraceDatException commit = assertThrows(TraceDatException.class, () -> p.load(big));
        assertEquals(8, commit.offset());
        p.load(page(ByteOrder.LITTLE_ENDIAN, 0, 0, header(0, 0), 9000));
        TraceDatException event = assertThrows(TraceDatException.class, p::next);
        assertEquals(16, event.offset());
    }

    @Test
    void theCommitWordIsTheKernelsLongAsHeaderPageGivesIt() {
        assertEquals(8, RingBufferPage.commitSize("\tfield: local_t commit;\toffset:8;\tsize:8;"
                + "\tsigned:1;\n", 4));
        assertEquals(4, RingBufferPage.commitSize("\tfield: local_t commit;\toffset:8;\tsize:4;"
                + "\tsigned:1;\n", 8));
        assertEquals(4, RingBufferPage.commitSize("", 4));
    }
}
