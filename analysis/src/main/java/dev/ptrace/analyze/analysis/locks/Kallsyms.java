package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.read.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data symbols of a kernel, from a copy of its /proc/kallsyms ({@code ADDR TYPE NAME
 * [MODULE]}, types d D b B r R: data, bss, read-only data), to name locks that are global
 * variables ({@code vmap_area_lock}) or inside one ({@code contig_page_data+0x1c0}). Kernels
 * list data symbols only with CONFIG_KALLSYMS_ALL; heap addresses (ffff888...) are never in it.
 */
public final class Kallsyms {
    /** A lock further than this past a symbol's start is not taken to be inside it. */
    private static final long MAX_OFFSET = 64 * 1024;
    private final TreeMap<Long, String> data;

    private Kallsyms(TreeMap<Long, String> data) {
        this.data = data;
    }

    /** No symbols: names nothing. */
    public static Kallsyms none() {
        return new Kallsyms(new TreeMap<>());
    }

    /**
     * Reads a kallsyms file; lines that are not {@code ADDR TYPE NAME} are skipped.
     *
     * @throws InputException when it cannot be read
     */
    public static Kallsyms read(Path file) {
        TreeMap<Long, String> data = new TreeMap<>(Long::compareUnsigned);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[1].length() == 1 && "dDbBrR".contains(f[1])) {
                    try {
                        data.put(Long.parseUnsignedLong(f[0], 16), f[2]);
                    } catch (NumberFormatException e) {
                        // not an address: not a symbol line
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the kallsyms file ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return new Kallsyms(data);
    }

    /** {@code symbol} or {@code symbol+0xoff} for a lock address as perf prints it, or null. */
    public String name(String lockAddr) {
        if (data.isEmpty() || lockAddr == null || !lockAddr.startsWith("0x")) {
            return null;
        }
        long addr;
        try {
            addr = Long.parseUnsignedLong(lockAddr.substring(2), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        Map.Entry<Long, String> e = data.floorEntry(addr);
        if (e == null || Long.compareUnsigned(addr - e.getKey(), MAX_OFFSET) >= 0) {
            return null;
        }
        long off = addr - e.getKey();
        return off == 0 ? e.getValue() : e.getValue() + "+0x" + Long.toHexString(off);
    }
}
