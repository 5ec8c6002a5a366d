package dev.ptrace.analyze.read.tracedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Addresses named as libtraceevent names them from a capture's kallsyms. */
class KernelFunctionsTest {
    private static final KernelFunctions KALLSYMS = KernelFunctions.parse("""
            ffffffff81000000 T _stext
            ffffffff81000000 T _text
            ffffffff81000100 t foo
            ffffffff81000200 A absolute_is_left_out
            ffffffff81000300 t $x_is_left_out

            ffffffff81000400 T bar\t[module]
            not a symbol: reading stops
            ffffffff81000500 T never_read
            """);

    @Test
    void anAddressIsNamedByTheSymbolBelowItWhileASymbolLiesAboveIt() {
        assertEquals("foo", KALLSYMS.function(0xffffffff81000150L));
        assertEquals("foo", KALLSYMS.function(0xffffffff81000350L));
        assertEquals("bar", KALLSYMS.function(0xffffffff81000400L), "the last one, exactly");
        assertNull(KALLSYMS.function(0xffffffff81000401L), "past the last one: unknown");
        assertNull(KALLSYMS.function(0xffffffff80000000L));
        assertEquals("foo+0x50", KALLSYMS.name(0xffffffff81000150L, true));
    }

    @Test
    void ofSymbolsAtOneAddressTheOneTraceCmdPrintsIsFound() {
        // a list built by prepending, sorted stably, searched with glibc's bsearch: here the
        // first of the file, as trace-cmd 3.1 printed frames of a kallsyms with two aliases
        // after each function
        assertEquals("_stext", KALLSYMS.function(0xffffffff81000000L));
        assertEquals("_stext", KALLSYMS.function(0xffffffff81000050L));
    }
}
