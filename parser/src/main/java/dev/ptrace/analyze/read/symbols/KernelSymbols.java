package dev.ptrace.analyze.read.symbols;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A kernel's symbols from its /proc/kallsyms ({@code ADDR TYPE NAME [MODULE]}), as perf loads
 * them for {@code [kernel.kallsyms]} frames: text, weak, data and bss symbols (types T, W, D,
 * B of either case), a lower-case type being a local symbol, ends and duplicates fixed as
 * {@link SymbolTable} does. Also where the kernel's text starts ({@code _text}), which tells
 * whether the kernel that took a capture is laid out like this one (KASLR moves it per boot).
 *
 * @param textStart where {@code _text} is, or -1 when the file does not list it
 * @param source    where the symbols were read from, for messages
 * @param delta     what is added to a capture's address to find it in this table (KASLR's
 *                  shift)
 */
public record KernelSymbols(SymbolTable table, long textStart, String source, long delta) {
    public static final KernelSymbols NONE = new KernelSymbols(SymbolTable.EMPTY, -1, "none",
            0);

    /**
     * These symbols for a capture whose kernel text started at {@code captureText}: the same
     * kernel booted elsewhere in memory (KASLR), each address moved by the difference, as
     * perf's {@code kallsyms__delta} moves them.
     */
    public KernelSymbols relocatedFor(long captureText) {
        return new KernelSymbols(table, textStart, source, textStart - captureText);
    }

    /** Reads kallsyms text; {@code source} names it in messages (a file, /proc/kallsyms). */
    public static KernelSymbols read(InputStream in, String source) throws IOException {
        byte[] text = in.readAllBytes();
        SymbolTable.Builder symbols = new SymbolTable.Builder();
        // per symbol added: where its name starts and ends in the text (module included)
        int[] nameAt = new int[1024];
        int[] nameEnd = new int[1024];
        long textStart = -1;
        int at = 0;
        while (at < text.length) {
            int eol = at;
            while (eol < text.length && text[eol] != '\n') {
                eol++;
            }
            int space = at;
            long address = 0;
            while (space < eol && hex(text[space]) >= 0) {
                address = address << 4 | hex(text[space]);
                space++;
            }
            int name = space + 3;
            if (space > at && space - at <= 16 && name < eol && text[space] == ' '
                    && text[space + 2] == ' ') {
                char type = (char) text[space + 1];
                int end = eol;
                while (end > name && (text[end - 1] == ' ' || text[end - 1] == '\r')) {
                    end--;
                }
                if (end - name == 5 && startsWith(text, name, "_text")) {
                    textStart = address;
                }
                char upper = Character.toUpperCase(type);
                if ((upper == 'T' || upper == 'W' || upper == 'D' || upper == 'B')
                        && text[name] != '$') {
                    int i = symbols.count();
                    if (i == nameAt.length) {
                        nameAt = Arrays.copyOf(nameAt, i * 2);
                        nameEnd = Arrays.copyOf(nameEnd, i * 2);
                    }
                    nameAt[i] = name;
                    nameEnd[i] = end;
                    symbols.add(address, 0, upper == 'W' ? SymbolTable.Binding.WEAK
                            : Character.isUpperCase(type) ? SymbolTable.Binding.GLOBAL
                            : SymbolTable.Binding.LOCAL);
                }
            }
            at = eol + 1;
        }
        int[] from = nameAt;
        int[] to = nameEnd;
        IntFunction<String> names = i -> new String(text, from[i], to[i] - from[i],
                StandardCharsets.UTF_8).replace('\t', ' ');
        IntFunction<Boolean> module = i -> indexOf(text, from[i], to[i], (byte) '[') >= 0;
        return new KernelSymbols(symbols.build(names, true, module), textStart, source, 0);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }

    private static boolean startsWith(byte[] text, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (at + i >= text.length || text[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] text, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
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
