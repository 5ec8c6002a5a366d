package dev.ptrace.analyze.read.symbols;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Symbols by address, with perf's rules for where a symbol ends and which of several at one
 * address names it (util/symbol.c: {@code symbols__fixup_end}, then
 * {@code symbols__fixup_duplicate} with {@code choose_best_symbol}): a symbol without a size
 * ends where the next begins; of symbols starting at one address the one with a size wins,
 * then a strong one over a weak one, a global one over a local one, fewer leading underscores,
 * the longer name. Built from primitive arrays, names made only for the symbols looked up: a
 * kernel lists some 120,000 symbols, a stack names a few dozen.
 */
public final class SymbolTable {
    /** ELF's symbol bindings, which kallsyms tells by the case of its type letter. */
    public enum Binding { LOCAL, GLOBAL, WEAK }

    /** Symbols as read, in input order, before the table fixes their ends. */
    public static final class Builder {
        private long[] start = new long[1024];
        private long[] size = new long[1024];
        private byte[] binding = new byte[1024];
        private int n;

        /** Adds symbol number {@link #count()}; its name is asked for by that number. */
        public void add(long address, long bytes, Binding b) {
            if (n == start.length) {
                start = Arrays.copyOf(start, n * 2);
                size = Arrays.copyOf(size, n * 2);
                binding = Arrays.copyOf(binding, n * 2);
            }
            start[n] = address;
            size[n] = bytes;
            binding[n] = (byte) b.ordinal();
            n++;
        }

        public int count() {
            return n;
        }

        /**
         * The table; {@code names} gives the name of symbol i (in the order added).
         * {@code kallsyms}: the last kernel symbol ends at the next page, not at a module's
         * first ({@code isModule} tells a module's symbol).
         */
        public SymbolTable build(IntFunction<String> names, boolean kallsyms,
                                 IntFunction<Boolean> isModule) {
            return SymbolTable.build(this, names, kallsyms, isModule);
        }
    }

    public static final SymbolTable EMPTY = new SymbolTable(new long[0], new long[0],
            new int[0], i -> null);
    private static final long PAGE = 4096;

    private final long[] starts;
    private final long[] ends;
    /** The symbol's number in the order added, for its name. */
    private final int[] ids;
    private final IntFunction<String> names;
    private final String[] nameCache;

    private SymbolTable(long[] starts, long[] ends, int[] ids, IntFunction<String> names) {
        this.starts = starts;
        this.ends = ends;
        this.ids = ids;
        this.names = names;
        this.nameCache = new String[ids.length];
    }

    private static SymbolTable build(Builder b, IntFunction<String> names, boolean kallsyms,
                                     IntFunction<Boolean> isModule) {
        int n = b.n;
        int[] order = sortedByStart(b.start, n);
        long[] start = new long[n];
        long[] end = new long[n];
        for (int k = 0; k < n; k++) {
            start[k] = b.start[order[k]];
            end[k] = start[k] + b.size[order[k]];
        }
        for (int k = 0; k + 1 < n; k++) {
            if (end[k] == start[k]) {
                boolean moduleBoundary = kallsyms && !isModule.apply(order[k])
                        .equals(isModule.apply(order[k + 1]));
                end[k] = moduleBoundary ? roundUp(end[k] + PAGE) : start[k + 1];
            }
        }
        if (n > 0 && end[n - 1] == start[n - 1]) {
            end[n - 1] = roundUp(start[n - 1]) + PAGE;
        }
        // of equal starts keep the best, as perf's fixup_duplicate walks them
        int[] kept = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (m > 0 && start[kept[m - 1]] == start[k]) {
                int last = kept[m - 1];
                if (!firstIsBetter(b, names, order[last], end[last] - start[last], order[k],
                        end[k] - start[k])) {
                    kept[m - 1] = k;
                }
                continue;
            }
            kept[m++] = k;
        }
        long[] s = new long[m];
        long[] e = new long[m];
        int[] ids = new int[m];
        for (int k = 0; k < m; k++) {
            s[k] = start[kept[k]];
            e[k] = end[kept[k]];
            ids[k] = order[kept[k]];
        }
        return new SymbolTable(s, e, ids, names);
    }

    /**
     * Symbol numbers by start (unsigned), ties in the order added: a stable sort, as perf's
     * rb-tree puts an equal start after the ones before it. kallsyms comes sorted: checked
     * first.
     */
    private static int[] sortedByStart(long[] start, int n) {
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            sorted &= i == 0 || Long.compareUnsigned(start[i - 1], start[i]) <= 0;
        }
        if (!sorted) {
            mergeSort(order, new int[n], 0, n, start);
        }
        return order;
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] key) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, key);
        mergeSort(a, tmp, mid, to, key);
        if (Long.compareUnsigned(key[a[mid - 1]], key[a[mid]]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && Long.compareUnsigned(key[tmp[i]], key[tmp[j]]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static long roundUp(long v) {
        return (v + PAGE - 1) & -PAGE;
    }

    /** perf's {@code choose_best_symbol}: whether symbol a stays rather than b. */
    private static boolean firstIsBetter(Builder s, IntFunction<String> names, int a,
                                         long aSize, int b, long bSize) {
        if (bSize == 0 && aSize > 0) {
            return true;
        }
        if (aSize == 0 && bSize > 0) {
            return false;
        }
        boolean aWeak = s.binding[a] == Binding.WEAK.ordinal();
        boolean bWeak = s.binding[b] == Binding.WEAK.ordinal();
        if (aWeak != bWeak) {
            return bWeak;
        }
        boolean aGlobal = s.binding[a] == Binding.GLOBAL.ordinal();
        boolean bGlobal = s.binding[b] == Binding.GLOBAL.ordinal();
        if (aGlobal != bGlobal) {
            return aGlobal;
        }
        String aName = names.apply(a);
        String bName = names.apply(b);
        int au = underscores(aName);
        int bu = underscores(bName);
        if (au != bu) {
            return bu > au;
        }
        return aName.length() >= bName.length();
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
        String s = nameCache[index];
        if (s == null) {
            s = names.apply(ids[index]);
            nameCache[index] = s;
        }
        return s;
    }

    public long start(int index) {
        return starts[index];
    }

    public int size() {
        return starts.length;
    }
}
