package dev.ptrace.analyze.read.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
