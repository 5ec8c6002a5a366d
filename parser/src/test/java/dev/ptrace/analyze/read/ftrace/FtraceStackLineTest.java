package dev.ptrace.analyze.read.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ptrace.analyze.event.Frame;
import org.junit.jupiter.api.Test;

class FtraceStackLineTest {
    private static final String K = "[kernel.kallsyms]";

    @Test
    void plainFunctionName() {
        assertEquals(new Frame(null, "__pv_queued_spin_lock_slowpath", 0, K),
                FtraceStackLine.parse(" => __pv_queued_spin_lock_slowpath", false));
    }

    @Test
    void symOffsetOptionGivesOffsetAndSize() {
        assertEquals(new Frame(null, "folio_lruvec_lock_irqsave", 0x5f, K),
                FtraceStackLine.parse(" => folio_lruvec_lock_irqsave+0x5f/0x80", false));
    }

    @Test
    void symAddrOptionGivesTheAddress() {
        assertEquals(new Frame("ffffffff81655d67", "do_madvise", 0x137, K),
                FtraceStackLine.parse(" => do_madvise+0x137/0x1c0 <ffffffff81655d67>", false));
    }

    @Test
    void addressWithoutSymbol() {
        assertEquals(new Frame("ffffffffc0a1b2c3", null, 0, K),
                FtraceStackLine.parse(" => 0xffffffffc0a1b2c3", false));
        assertEquals(new Frame("7f58590f2ad7", null, 0, null),
                FtraceStackLine.parse(" => <00007f58590f2ad7>", true));
    }

    @Test
    void notAFrame() {
        assertNull(FtraceStackLine.parse(" -> foo", false));
        assertNull(FtraceStackLine.parse(" => <zz>", false));
    }
}
