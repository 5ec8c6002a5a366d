package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.format.KernelSymbolNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Kernel function names from a capture's kallsyms, looked up as trace-cmd report looks them up
 * (libtraceevent's tep_parse_kallsyms and tep_find_function): absolute symbols and
 * {@code $}-names are left out, reading stops at the first line that is not a symbol, and an
 * address is named by the symbol at or below it only where a next symbol lies above it (none
 * past the last). Symbols at one address are found in the order glibc's stable sort and binary
 * search find them, so that aliases get the name trace-cmd prints.
 */
final class KernelFunctions implements KernelSymbolNames {
    private final long[] addresses;
    private final String[] names;

    private KernelFunctions(long[] addresses, String[] names) {
        this.addresses = addresses;
        this.names = names;
    }

    static KernelFunctions parse(String kallsyms) {
        record Symbol(long address, String name) {
        }
        List<Symbol> symbols = new ArrayList<>();
        for (String line : kallsyms.split("\n")) {
            if (line.isBlank()) {
                continue; // strtok passes over empty lines
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || f[0].length() > 16 || f[1].length() != 1) {
                break;
            }
            long address;
            try {
                address = Long.parseUnsignedLong(f[0], 16);
            } catch (NumberFormatException e) {
                break;
            }
            char type = f[1].charAt(0);
            if (type != 'A' && type != 'a' && !f[2].startsWith("$")) {
                symbols.add(new Symbol(address, f[2]));
            }
        }
        // libtraceevent prepends each symbol to a list, then sorts it (stable) by address
        List<Symbol> sorted = new ArrayList<>(symbols);
        Collections.reverse(sorted);
        sorted.sort(Comparator.comparing(Symbol::address, Long::compareUnsigned));
        long[] addresses = new long[sorted.size()];
        String[] names = new String[sorted.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = sorted.get(i).address();
            names[i] = sorted.get(i).name();
        }
        return new KernelFunctions(addresses, names);
    }

    int size() {
        return names.length;
    }

    /** The function holding {@code address}, or null. */
    String function(long address) {
        int i = find(address);
        return i < 0 ? null : names[i];
    }

    @Override
    public String name(long address, boolean withOffset) {
        int i = find(address);
        if (i < 0) {
            return null;
        }
        return withOffset ? names[i] + "+0x" + Long.toHexString(address - addresses[i])
                : names[i];
    }

    /** glibc's bsearch with libtraceevent's func_bcmp (a sentinel of address 0 at the end). */
    private int find(long address) {
        int low = 0;
        int high = addresses.length;
        while (low < high) {
            int i = (low + high) >>> 1;
            long at = addresses[i];
            long next = i + 1 < addresses.length ? addresses[i + 1] : 0;
            if (address == at || (Long.compareUnsigned(address, at) > 0
                    && Long.compareUnsigned(address, next) < 0)) {
                return i;
            }
            if (Long.compareUnsigned(address, at) < 0) {
                high = i;
            } else {
                low = i + 1;
            }
        }
        return -1;
    }
}
