package dev.ptrace.analyze.read.symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel's symbols from its /proc/kallsyms ({@code ADDR TYPE NAME [MODULE]}), as perf loads
 * them for {@code [kernel.kallsyms]} frames: text, weak, data and bss symbols (types T, W, D,
 * B of either case), a lower-case type being a local symbol, ends and duplicates fixed as
 * {@link SymbolTable} does. Also where the kernel's text starts ({@code _text}), which tells
 * whether the kernel that took a capture is laid out like this one (KASLR moves it per boot).
 */
public final class KernelSymbols {
    public static final KernelSymbols NONE = new KernelSymbols(SymbolTable.EMPTY, -1, "none",
            0);
    private final SymbolTable table;
    private final long text;
    private final String source;
    /** What is added to a capture's address to find it in this table (KASLR's shift). */
    private final long delta;

    private KernelSymbols(SymbolTable table, long text, String source, long delta) {
        this.table = table;
        this.text = text;
        this.source = source;
        this.delta = delta;
    }

    /**
     * These symbols for a capture whose kernel text started at {@code captureText}: the same
     * kernel booted elsewhere in memory (KASLR), each address moved by the difference, as
     * perf's {@code kallsyms__delta} moves them.
     */
    public KernelSymbols relocatedFor(long captureText) {
        return new KernelSymbols(table, text, source, text - captureText);
    }

    /** Reads kallsyms text; {@code source} names it in messages (a file, /proc/kallsyms). */
    public static KernelSymbols read(Reader in, String source) throws IOException {
        List<SymbolTable.Symbol> symbols = new ArrayList<>();
        long text = -1;
        BufferedReader r = new BufferedReader(in, 1 << 16);
        String line;
        while ((line = r.readLine()) != null) {
            int a = line.indexOf(' ');
            if (a <= 0 || a + 3 >= line.length() || line.charAt(a + 2) != ' ') {
                continue;
            }
            long address;
            try {
                address = Long.parseUnsignedLong(line, 0, a, 16);
            } catch (NumberFormatException e) {
                continue;
            }
            char type = line.charAt(a + 1);
            String name = line.substring(a + 3).replace('\t', ' ').strip();
            if (name.equals("_text")) {
                text = address;
            }
            char upper = Character.toUpperCase(type);
            if ((upper != 'T' && upper != 'W' && upper != 'D' && upper != 'B')
                    || name.startsWith("$")) {
                continue;
            }
            SymbolTable.Binding binding = upper == 'W' ? SymbolTable.Binding.WEAK
                    : Character.isUpperCase(type) ? SymbolTable.Binding.GLOBAL
                    : SymbolTable.Binding.LOCAL;
            symbols.add(new SymbolTable.Symbol(address, 0, binding, name));
        }
        return new KernelSymbols(SymbolTable.of(symbols, true), text, source, 0);
    }

    /** Where {@code _text} is, or -1 when the file does not list it. */
    public long textStart() {
        return text;
    }

    public String source() {
        return source;
    }

    public boolean isEmpty() {
        return table.size() == 0;
    }

    /** The symbol at {@code address}: index into this table, or -1. */
    public int find(long address) {
        return table.find(address + delta);
    }

    public String name(int index) {
        String n = table.name(index);
        int module = n.indexOf(" [");
        return module < 0 ? n : n.substring(0, module);
    }

    /** The module of a symbol ({@code [kvm]}), or null for the kernel image's own. */
    public String module(int index) {
        String n = table.name(index);
        int module = n.indexOf(" [");
        return module < 0 ? null : n.substring(module + 1);
    }

    /** Where a symbol starts, in the capture's addresses. */
    public long start(int index) {
        return table.start(index) - delta;
    }
}
