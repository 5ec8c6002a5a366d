package dev.ptrace.analyze.read.perfdata;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each process had mapped where, from MMAP and MMAP2 records, and the kernel's maps
 * (pid -1): a new mapping replaces what it overlaps, as perf's {@code maps__fixup_overlappings}
 * does; a forked process starts with a copy of its parent's.
 */
final class AddressSpaces {
    /**
     * One mapping: {@code [start, end)} of the address space maps the file from {@code pgoff}.
     *
     * @param buildId the build id the record carried (MMAP2 with a build id), else null
     */
    record Mapping(long start, long end, long pgoff, String filename, String buildId) {
        /** The address within the file perf prints for {@code ip} ({@code map__map_ip}). */
        long mapIp(long ip) {
            return ip - start + pgoff;
        }
    }

    static final int KERNEL = -1;
    private final Map<Integer, TreeMap<Long, Mapping>> byPid = new HashMap<>();

    void map(int pid, Mapping m) {
        TreeMap<Long, Mapping> maps = byPid.computeIfAbsent(pid, p -> new TreeMap<>(
                Long::compareUnsigned));
        Map.Entry<Long, Mapping> before = maps.lowerEntry(m.start());
        if (before != null && Long.compareUnsigned(before.getValue().end(), m.start()) > 0) {
            Mapping old = before.getValue();
            maps.put(old.start(), new Mapping(old.start(), m.start(), old.pgoff(),
                    old.filename(), old.buildId()));
            if (Long.compareUnsigned(old.end(), m.end()) > 0) {
                maps.put(m.end(), new Mapping(m.end(), old.end(), old.pgoff() + (m.end()
                        - old.start()), old.filename(), old.buildId()));
            }
        }
        Iterator<Mapping> inside = maps.subMap(m.start(), true, m.end(), false).values()
                .iterator();
        Mapping tail = null;
        while (inside.hasNext()) {
            Mapping old = inside.next();
            if (Long.compareUnsigned(old.end(), m.end()) > 0) {
                tail = new Mapping(m.end(), old.end(), old.pgoff() + (m.end() - old.start()),
                        old.filename(), old.buildId());
            }
            inside.remove();
        }
        if (tail != null) {
            maps.put(tail.start(), tail);
        }
        maps.put(m.start(), m);
    }

    /** A FORK of a new process: it starts with its parent's mappings. */
    void fork(int pid, int ppid) {
        if (pid == ppid || byPid.containsKey(pid)) {
            return;
        }
        TreeMap<Long, Mapping> parent = byPid.get(ppid);
        if (parent != null) {
            byPid.put(pid, new TreeMap<>(parent));
        }
    }

    /** The mapping of process {@code pid} holding {@code address}, or null. */
    Mapping find(int pid, long address) {
        TreeMap<Long, Mapping> maps = byPid.get(pid);
        if (maps == null) {
            return null;
        }
        Map.Entry<Long, Mapping> e = maps.floorEntry(address);
        return e != null && Long.compareUnsigned(address, e.getValue().end()) < 0
                ? e.getValue() : null;
    }
}
