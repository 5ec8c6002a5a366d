package dev.ptrace.analyze.read.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** perf's symbol rules (util/symbol.c), each on a case worked out by hand. */
class SymbolTableTest {
    private static KernelSymbols kallsyms(String text) throws IOException {
        return KernelSymbols.read(new ByteArrayInputStream(text.getBytes(
                StandardCharsets.UTF_8)), "test");
    }

    private static String at(KernelSymbols k, long address) {
        int i = k.find(address);
        return i < 0 ? null : k.name(i) + "+" + (address - k.start(i));
    }

    @Test
    void aKallsymsSymbolEndsWhereTheNextLoadedOneStarts() throws IOException {
        KernelSymbols k = kallsyms("""
                ffffffff81000000 T _text
                ffffffff81000100 t first
                ffffffff81000180 r rodata_is_not_loaded
                ffffffff81000200 T second
                """);
        // 0x1f0 is past the r symbol, which perf does not load: still in "first"
        assertEquals("first+240", at(k, 0xffffffff810001f0L));
        assertEquals("second+0", at(k, 0xffffffff81000200L));
        // the last symbol ends at the next page boundary after its page: 0x...1000 + 4096
        assertEquals("second+3583", at(k, 0xffffffff81000fffL));
        assertEquals("second+7679", at(k, 0xffffffff81001fffL));
        assertEquals(null, at(k, 0xffffffff81002000L));
        assertEquals(0xffffffff81000000L, k.textStart());
    }

    @Test
    void ofKallsymsSymbolsAtOneAddressTheLastListedWinsForOnlyItKeepsASize()
            throws IOException {
        KernelSymbols k = kallsyms("""
                ffffffff81000100 t local_one
                ffffffff81000100 T __global_one
                ffffffff81000200 T __x
                ffffffff81000200 T _y
                ffffffff81000300 W weak_one
                ffffffff81000300 T strong
                ffffffff81000400 T ab
                ffffffff81000400 T abc
                ffffffff81000500 T end
                """);
        // the end fixup runs first: every duplicate but the last listed ends where it starts
        // (the next symbol is at its address), and choose_best_symbol prefers a size first,
        // before binding, underscores or length (weak_one loses to strong, ab to abc)
        assertEquals("__global_one+0", at(k, 0xffffffff81000100L));
        assertEquals("_y+0", at(k, 0xffffffff81000200L));
        assertEquals("strong+0", at(k, 0xffffffff81000300L));
        assertEquals("abc+0", at(k, 0xffffffff81000400L));
    }

    @Test
    void sizedElfSymbolsKeepTheirSizeAndTiesGoToTheStrongGlobalOne() {
        SymbolTable.Builder b = new SymbolTable.Builder();
        // added out of order: the table sorts them
        b.add(0x1200, 0x8, SymbolTable.Binding.LOCAL);
        b.add(0x1000, 0x10, SymbolTable.Binding.WEAK);
        b.add(0x1000, 0x10, SymbolTable.Binding.GLOBAL);
        b.add(0x1100, 0, SymbolTable.Binding.LOCAL);
        List<String> names = List.of("l", "w", "g", "label");
        SymbolTable t = b.build(names::get, false, i -> false);
        assertEquals("g", t.name(t.find(0x100f)));
        assertEquals(-1, t.find(0x1010)); // past g's size, before the label
        assertEquals("label", t.name(t.find(0x11ff))); // a size-less label runs to the next
        assertEquals(-1, t.find(0x1208));
    }

    @Test
    void theWorkloadsSymbolsAreReadWithItsBuildId() throws IOException {
        Path wl = TestData.dir().resolve("perfdata/symfs/tmp/ptrace-perfdata/wl");
        ElfSymbols elf = ElfSymbols.read(wl);
        SymbolTable t = elf.table();
        // nm wl: "0000000000001a90 t churn" (a PIE: file offsets equal addresses)
        int churn = t.find(0x1ac4);
        assertEquals("churn", t.name(churn));
        assertEquals(0x1ac4 - 0x1a90, 0x1ac4 - t.start(churn));
        assertEquals(true, elf.hasSymtab());
        assertEquals(40, elf.buildId().length());
    }
}
