package dev.ptrace.analyze.read.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Symbols by address, with perf's rules for where a symbol ends and which of several at one
 * address names it (util/symbol.c: {@code symbols__fixup_end}, then
 * {@code symbols__fixup_duplicate} with {@code choose_best_symbol}): a symbol without a size
 * ends where the next begins; of symbols starting at one address the one with a size wins,
 * then a strong one over a weak one, a global one over a local one, fewer leading underscores,
 * the longer name.
 */
public final class SymbolTable {
    /** ELF's symbol bindings, which kallsyms tells by the case of its type letter. */
    public enum Binding { LOCAL, GLOBAL, WEAK }

    /** A symbol as read, before the table fixes its end. */
    public record Symbol(long start, long size, Binding binding, String name) {
    }

    public static final SymbolTable EMPTY = new SymbolTable(new long[0], new long[0],
            new String[0]);
    private static final long PAGE = 4096;

    private final long[] starts;
    private final long[] ends;
    private final String[] names;

    private SymbolTable(long[] starts, long[] ends, String[] names) {
        this.starts = starts;
        this.ends = ends;
        this.names = names;
    }

    /**
     * The table of {@code symbols} (in the order read: among equal starts, later ones sort
     * after earlier ones, as perf inserts them). {@code kallsyms}: the last kernel symbol ends
     * at the next page, not at a module's first.
     */
    public static SymbolTable of(List<Symbol> symbols, boolean kallsyms) {
        List<Symbol> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparing(Symbol::start, Long::compareUnsigned));
        int n = sorted.size();
        long[] start = new long[n];
        long[] end = new long[n];
        for (int i = 0; i < n; i++) {
            start[i] = sorted.get(i).start();
            end[i] = start[i] + sorted.get(i).size();
        }
        for (int i = 0; i + 1 < n; i++) {
            if (end[i] == start[i]) {
                boolean moduleBoundary = kallsyms && (sorted.get(i).name().indexOf('[') < 0)
                        != (sorted.get(i + 1).name().indexOf('[') < 0);
                end[i] = moduleBoundary ? roundUp(end[i] + PAGE) : start[i + 1];
            }
        }
        if (n > 0 && end[n - 1] == start[n - 1]) {
            end[n - 1] = roundUp(start[n - 1]) + PAGE;
        }
        // of equal starts keep the best, as perf's fixup_duplicate walks them
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!kept.isEmpty()) {
                int last = kept.get(kept.size() - 1);
                if (start[last] == start[i]) {
                    if (!firstIsBetter(sorted.get(last), end[last] - start[last],
                            sorted.get(i), end[i] - start[i])) {
                        kept.set(kept.size() - 1, i);
                    }
                    continue;
                }
            }
            kept.add(i);
        }
        long[] s = new long[kept.size()];
        long[] e = new long[kept.size()];
        String[] names = new String[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            s[k] = start[i];
            e[k] = end[i];
            names[k] = sorted.get(i).name();
        }
        return new SymbolTable(s, e, names);
    }

    private static long roundUp(long v) {
        return (v + PAGE - 1) & -PAGE;
    }

    /** perf's {@code choose_best_symbol}: whether {@code a} stays rather than {@code b}. */
    private static boolean firstIsBetter(Symbol a, long aSize, Symbol b, long bSize) {
        if (bSize == 0 && aSize > 0) {
            return true;
        }
        if (aSize == 0 && bSize > 0) {
            return false;
        }
        boolean aWeak = a.binding() == Binding.WEAK;
        boolean bWeak = b.binding() == Binding.WEAK;
        if (aWeak != bWeak) {
            return bWeak;
        }
        boolean aGlobal = a.binding() == Binding.GLOBAL;
        boolean bGlobal = b.binding() == Binding.GLOBAL;
        if (aGlobal != bGlobal) {
            return aGlobal;
        }
        int au = underscores(a.name());
        int bu = underscores(b.name());
        if (au != bu) {
            return bu > au;
        }
        return a.name().length() >= b.name().length();
    }

    private static int underscores(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '_') {
            i++;
        }
        return i;
    }

    /** Index of the symbol holding {@code address}, or -1. */
    public int find(long address) {
        // addresses compare unsigned: kernel addresses are negative as longs
        int i = floorUnsigned(address);
        if (i < 0) {
            return -1;
        }
        boolean inside = Long.compareUnsigned(address, ends[i]) < 0
                || (address == starts[i] && ends[i] == starts[i]);
        return inside ? i : -1;
    }

    private int floorUnsigned(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    public String name(int index) {
        return names[index];
    }

    public long start(int index) {
        return starts[index];
    }

    public int size() {
        return starts.length;
    }
}
