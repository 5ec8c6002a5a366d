package dev.ptrace.analyze.read.perfdata;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives each distinct callchain one stack id: kernel-only chains by their addresses, chains
 * with user-space addresses by process too (the same address names other code in another
 * process). Memory is bounded: past {@link #MAX_ENTRIES} chains the table starts afresh and a
 * chain seen again gets a new id (a duplicate stack, never a wrong one).
 */
final class CallchainIds {
    static final int MAX_ENTRIES = 1 << 18;

    /** The words of a chain as a hash key. */
    private record Key(long[] words, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.words, words);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<Key, Long> ids = new HashMap<>();

    /**
     * The id of this chain, or -1 when it is new (then {@link #add} gives it one).
     * {@code words}: the process (or -1 for a kernel-only chain) followed by the addresses.
     */
    long find(long[] words) {
        Long id = ids.get(new Key(words, Arrays.hashCode(words)));
        return id == null ? -1 : id;
    }

    void add(long[] words, long id) {
        if (ids.size() >= MAX_ENTRIES) {
            ids.clear();
        }
        ids.put(new Key(words, Arrays.hashCode(words)), id);
    }
}
