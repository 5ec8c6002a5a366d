package dev.ptrace.analyze.read.perfdata;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Gives each distinct callchain one stack id: kernel-only chains by their addresses, chains
 * with user-space addresses by process too (the same address names other code in another
 * process). Chains are looked up where they lie in the record, without copying them: most
 * samples repeat a chain seen before. Memory is bounded: past {@link #MAX_ENTRIES} chains the
 * table starts afresh and a chain seen again gets a new id (a duplicate stack, never a wrong
 * one).
 */
final class CallchainIds {
    static final int MAX_ENTRIES = 1 << 18;

    /** Open addressing: chain words (process, then addresses) and ids; null is free. */
    private long[][] keys = new long[1024][];
    private long[] ids = new long[1024];
    private int size;

    /** The id of the chain of {@code count} addresses at {@code at} in process key, or -1. */
    long find(long process, ByteBuffer b, int at, int count) {
        int mask = keys.length - 1;
        for (int slot = hash(process, b, at, count) & mask; ; slot = (slot + 1) & mask) {
            long[] k = keys[slot];
            if (k == null) {
                return -1;
            }
            if (k.length == count + 1 && k[0] == process && same(k, b, at, count)) {
                return ids[slot];
            }
        }
    }

    /** The id of a chain given as words (process, then addresses), or -1. */
    long find(long[] words) {
        int mask = keys.length - 1;
        for (int slot = hash(words) & mask; ; slot = (slot + 1) & mask) {
            long[] k = keys[slot];
            if (k == null) {
                return -1;
            }
            if (Arrays.equals(k, words)) {
                return ids[slot];
            }
        }
    }

    /** Gives the chain (process first, then its addresses) its id. */
    void add(long[] words, long id) {
        if (size >= MAX_ENTRIES) {
            keys = new long[1024][];
            ids = new long[1024];
            size = 0;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        put(words, id);
    }

    private void put(long[] words, long id) {
        int mask = keys.length - 1;
        int slot = hash(words) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = words;
        ids[slot] = id;
        size++;
    }

    private void grow() {
        long[][] oldKeys = keys;
        long[] oldIds = ids;
        keys = new long[oldKeys.length * 2][];
        ids = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldIds[i]);
            }
        }
    }

    private static boolean same(long[] k, ByteBuffer b, int at, int count) {
        for (int i = 0; i < count; i++) {
            if (k[i + 1] != b.getLong(at + 8 * i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(long process, ByteBuffer b, int at, int count) {
        long h = mix(process);
        for (int i = 0; i < count; i++) {
            h = mix(h ^ b.getLong(at + 8 * i));
        }
        return (int) (h ^ (h >>> 32));
    }

    private static int hash(long[] words) {
        long h = mix(words[0]);
        for (int i = 1; i < words.length; i++) {
            h = mix(h ^ words[i]);
        }
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long v) {
        return v * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    /** The chain words for {@link #add}: the process, then the addresses. */
    static long[] words(long process, ByteBuffer b, int at, int count) {
        long[] w = new long[count + 1];
        w[0] = process;
        for (int i = 0; i < count; i++) {
            w[i + 1] = b.getLong(at + 8 * i);
        }
        return w;
    }

    static long[] words(long process, long... addresses) {
        long[] w = Arrays.copyOf(new long[] {process}, addresses.length + 1);
        System.arraycopy(addresses, 0, w, 1, addresses.length);
        return w;
    }
}
