package dev.ptrace.analyze.read.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.event.Frame;
import org.junit.jupiter.api.Test;

class PerfFrameLineTest {

    @Test
    void kernelFrameHasAddressSymbolOffsetAndModule() {
        assertEquals(new Frame("ffffffff8226a37c", "rwsem_down_write_slowpath", 0x3cc,
                        "[kernel.kallsyms]"),
                PerfFrameLine.parse("\tffffffff8226a37c rwsem_down_write_slowpath+0x3cc "
                        + "([kernel.kallsyms])"));
    }

    @Test
    void userFrameAddressIsRelativeToItsLibrary() {
        assertEquals(new Frame("1019b3", "__mmap", 0x13, "/usr/lib/x86_64-linux-gnu/libc.so.6"),
                PerfFrameLine.parse("\t          1019b3 __mmap+0x13 "
                        + "(/usr/lib/x86_64-linux-gnu/libc.so.6)"));
    }

    @Test
    void unknownSymbolAndModuleAreNull() {
        assertEquals(new Frame("7f58590f2ad7", null, 0, null),
                PerfFrameLine.parse("\t    7f58590f2ad7 [unknown] ([unknown])"));
    }

    @Test
    void bpftracesUnnamedUserFrameIsItsAddressAgainAndHasNoSymbol() {
        // ustack(perf) of bpftrace 0.17 for a frame it could not name
        assertEquals(new Frame("7fc9c6303193", null, 0, null),
                PerfFrameLine.parse("\t7fc9c6303193 0x7fc9c6303193 ([unknown])"));
        assertEquals("0x1234", PerfFrameLine.parse("\t7fc9c6303193 0x1234 ([unknown])").symbol());
        assertEquals("0x7fc9c630319300", PerfFrameLine.parse(
                "\t7fc9c6303193 0x7fc9c630319300 ([unknown])").symbol());
    }

    @Test
    void unknownSymbolInAKnownModuleKeepsTheModule() {
        assertEquals(new Frame("7f3a", null, 0, "/tmp/perf-8519.map"),
                PerfFrameLine.parse("\t            7f3a [unknown] (/tmp/perf-8519.map)"));
    }

    @Test
    void cppSymbolWithBlanksAndParenthesesStaysWhole() {
        Frame f = PerfFrameLine.parse("\t7f12 std::vector<int, std::allocator<int> >::push_back"
                + "(int const&)+0x12 (/usr/lib/libx.so (deleted))");
        assertEquals("std::vector<int, std::allocator<int> >::push_back(int const&)", f.symbol());
        assertEquals(0x12, f.offset());
        assertEquals("/usr/lib/libx.so (deleted)", f.module());
    }

    @Test
    void symbolWithoutOffsetHasOffsetZero() {
        assertEquals(new Frame("1ab78", "_dl_start_user", 0, "/lib/ld.so"),
                PerfFrameLine.parse("\t1ab78 _dl_start_user (/lib/ld.so)"));
    }

    @Test
    void lineWithoutHexAddressIsNotAFrame() {
        assertNull(PerfFrameLine.parse("\tnot-hex rwsem_down_write_slowpath+0x3cc ([kernel])"));
        assertNull(PerfFrameLine.parse("\t"));
    }

    @Test
    void inlinedFunctionHasNoModuleOfItsOwn() {
        Frame f = PerfFrameLine.parse("\t            11d6 mix (inlined)");
        assertEquals(new Frame("11d6", "mix", 0, null), f);
        assertTrue(PerfFrameLine.showsModule("\t            11d6 mix (inlined)"));
    }

    @Test
    void addressAloneIsAFrameWithoutSymbolOrModule() {
        assertEquals(new Frame("ffffffff815f9cfb", null, 0, null),
                PerfFrameLine.parse("\tffffffff815f9cfb"));
        assertFalse(PerfFrameLine.showsModule("\tffffffff815f9cfb"));
    }

    @Test
    void symbolWithoutModuleShowsNoModule() {
        String line = "\tffffffff815f9cfb __mmap_lock_do_trace_start_locking+0x4b";
        assertEquals(new Frame("ffffffff815f9cfb", "__mmap_lock_do_trace_start_locking", 0x4b,
                null), PerfFrameLine.parse(line));
        assertFalse(PerfFrameLine.showsModule(line));
    }

    @Test
    void moduleWithoutSymbolIsTheModule() {
        Frame f = PerfFrameLine.parse("\tffffffff815f9cfb ([kernel.kallsyms])");
        assertEquals("[kernel.kallsyms]", f.module());
        assertNull(f.symbol());
    }

    @Test
    void frameAtTheEndOfATracepointPayloadIsSplitOff() {
        PerfFrameLine.OnEventLine split = PerfFrameLine.atEnd("mm=0xffff888100068000 "
                + "memcg_id=2807 write=true  ffffffff815f9d8b __mmap_lock_do_trace_released "
                + "([kernel.kallsyms])");
        assertEquals("mm=0xffff888100068000 memcg_id=2807 write=true", split.payload());
        assertEquals("ffffffff815f9d8b __mmap_lock_do_trace_released ([kernel.kallsyms])",
                split.frameText());
        assertEquals("__mmap_lock_do_trace_released", split.frame().symbol());
        assertNull(PerfFrameLine.atEnd("0xffff88810006d838 (flags=WRITE)"));
        assertEquals("", PerfFrameLine.atEnd("7f22459a3b70 [unknown] (/usr/lib/ld.so)").payload());
    }
}
