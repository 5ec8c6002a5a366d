package dev.ptrace.analyze.analysis.contention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code perf lock contention}'s accounting of lock:contention_begin/end, rule for rule
 * ({@code report_lock_contention_begin_event} and {@code _end_event} in
 * {@code tools/perf/builtin-lock.c}), so that its figures come out exactly.
 *
 * <p>Each (thread, lock address) pair is a small state machine: a begin while not waiting
 * starts a wait and counts it in the row of its key; a begin while already waiting is a nested
 * begin (mutex optimistic spinning) and ignored; an end while waiting adds the wait to the row
 * of the end's key and returns to not waiting; an end with no wait open is counted as bad
 * data. An end whose key has no row yet is ignored, as perf ignores it.
 */
public final class PerfContentionAccounting {
    /** Where a (thread, lock) pair stands. */
    private enum State { WAITING, ACQUIRED }

    private record ThreadLock(int tid, String lock) {
    }

    private static final class Sequence {
        State state;
        long since;
        long key;
    }

    /** Events perf's rules could not pair, by reason (perf's "bad" histogram). */
    public enum BadEvent { END_WITHOUT_BEGIN }

    private final Map<Long, ContentionStats> rows = new LinkedHashMap<>();
    private final Map<ThreadLock, Sequence> sequences = new HashMap<>();
    private final Set<Integer> threadsSeen = new HashSet<>();
    private final Map<BadEvent, Long> bad = new LinkedHashMap<>();
    private long ignoredNestedBegins;
    private long ignoredEndsWithoutRow;

    /**
     * A contention_begin.
     *
     * @param key   the row it belongs to (perf's callchain id, or the thread id)
     * @param label the row's label (caller, or thread name), asked for only when the row is new
     */
    public void begin(int tid, String lock, int flags, long ts, long key,
                      Supplier<String> label) {
        ContentionStats row = rows.computeIfAbsent(key, k -> new ContentionStats(label.get(),
                LockTypes.name(flags)));
        threadsSeen.add(tid);
        Sequence seq = sequences.computeIfAbsent(new ThreadLock(tid, lock), k -> new Sequence());
        if (seq.state == State.WAITING) {
            ignoredNestedBegins++;
            return;
        }
        seq.state = State.WAITING;
        seq.since = ts;
        seq.key = key;
        row.contended++;
    }

    /** A contention_end. */
    public void end(int tid, String lock, long ts, long key) {
        end(tid, lock, ts, Long.valueOf(key));
    }

    /**
     * A contention_end with no key of its own (no callchain): it closes the open wait of its
     * thread on that lock in that wait's row.
     */
    public void endOfOpenWait(int tid, String lock, long ts) {
        end(tid, lock, ts, null);
    }

    private void end(int tid, String lock, long ts, Long givenKey) {
        Sequence open = sequences.get(new ThreadLock(tid, lock));
        Long key = givenKey != null ? givenKey : open != null ? open.key : null;
        ContentionStats row = key == null ? null : rows.get(key);
        if (row == null || !threadsSeen.contains(tid)) {
            ignoredEndsWithoutRow++;
            return;
        }
        ThreadLock tl = new ThreadLock(tid, lock);
        Sequence seq = sequences.get(tl);
        if (seq == null) {
            return;
        }
        if (seq.state == State.WAITING) {
            row.waited(ts - seq.since);
            seq.state = State.ACQUIRED;
        } else {
            bad.merge(BadEvent.END_WITHOUT_BEGIN, 1L, Long::sum);
            sequences.remove(tl);
        }
    }

    /** The rows, in the order their keys were first seen. */
    public List<ContentionRow> rows() {
        List<ContentionRow> out = new ArrayList<>(rows.size());
        rows.forEach((key, s) -> out.add(s.row(key, null)));
        return out;
    }

    /** Waits begun and never ended within the trace: counted as contended, with no time. */
    public long openWaits() {
        return sequences.values().stream().filter(s -> s.state == State.WAITING).count();
    }

    public Map<BadEvent, Long> badEvents() {
        return bad;
    }

    public long ignoredNestedBegins() {
        return ignoredNestedBegins;
    }

    public long ignoredEndsWithoutRow() {
        return ignoredEndsWithoutRow;
    }
}
