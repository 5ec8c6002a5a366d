package dev.ptrace.analyze.analysis.chains;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Intervals read once in order of their begin and kept, by key, only while something still to
 * be looked at can reach them: the reader asks for those that begin before a time, then lets
 * go of those that end by the earliest time it will still ask about. Memory follows what
 * overlaps the work in progress, not the length of the trace. Each key's intervals are in
 * order of begin, and their ends in order too (one key's intervals do not overlap, or share
 * their bounds).
 */
final class TimeWindow<K, T> {
    /** The intervals in order of begin; null after the last. */
    @FunctionalInterface
    interface Source<T> {
        T next() throws SQLException;
    }

    private final Source<T> source;
    private final Function<T, K> key;
    private final ToLongFunction<T> begin;
    private final ToLongFunction<T> end;
    private final Map<K, Slice<T>> byKey = new HashMap<>();
    private T pending;
    private boolean exhausted;
    private long loadedSinceDrop;
    private long kept;

    TimeWindow(Source<T> source, Function<T, K> key, ToLongFunction<T> begin,
               ToLongFunction<T> end) {
        this.source = source;
        this.key = key;
        this.begin = begin;
        this.end = end;
    }

    /** Loads every interval that begins before {@code bound}. */
    void loadBefore(long bound) throws SQLException {
        while (true) {
            if (pending == null) {
                if (exhausted || (pending = source.next()) == null) {
                    exhausted = true;
                    return;
                }
            }
            if (begin.applyAsLong(pending) >= bound) {
                return;
            }
            byKey.computeIfAbsent(key.apply(pending), k -> new Slice<>()).items.add(pending);
            pending = null;
            loadedSinceDrop++;
            kept++;
        }
    }

    /**
     * Lets go of the intervals that end by {@code lowWater}, the earliest time still to be
     * asked about (amortised: the window is swept when it has grown by half since the last).
     */
    void dropEndingBy(long lowWater) {
        if (loadedSinceDrop < Math.max(4096, kept / 2)) {
            return;
        }
        loadedSinceDrop = 0;
        for (Iterator<Slice<T>> it = byKey.values().iterator(); it.hasNext(); ) {
            Slice<T> s = it.next();
            while (s.from < s.items.size() && end.applyAsLong(s.items.get(s.from)) <= lowWater) {
                s.from++;
                kept--;
            }
            if (s.from == s.items.size()) {
                it.remove();
            } else if (s.from > 64 && s.from * 2 > s.items.size()) {
                s.items = new ArrayList<>(s.items.subList(s.from, s.items.size()));
                s.from = 0;
            }
        }
    }

    /** The loaded intervals of {@code k}, in order of begin. */
    List<T> of(K k) {
        Slice<T> s = byKey.get(k);
        return s == null ? List.of() : s.items.subList(s.from, s.items.size());
    }

    /**
     * Index in {@code list} (of one key, in order) of the first interval that ends after
     * {@code t}, or its size.
     */
    static <T> int firstEndingAfter(List<T> list, long t, ToLongFunction<T> end) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end.applyAsLong(list.get(mid)) <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static final class Slice<T> {
        List<T> items = new ArrayList<>();
        int from;
    }
}
