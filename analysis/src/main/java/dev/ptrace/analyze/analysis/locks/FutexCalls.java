package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.ChunkRows;
import dev.ptrace.analyze.store.ColumnKind;
import dev.ptrace.analyze.store.RowSpill;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The futex calls of one trace that the replay follows (futex_calls.sql: the operations of
 * futex-ops.tsv, each wait with the thread that woke it), read once before the replay into a
 * work file in time order, and the futex words waited on, each named by the user stacks of the
 * calls on it, waits and wakes ({@link UserLockNames}).
 */
final class FutexCalls implements AutoCloseable {
    private static final String SQL = TextResource.fill("/sql/locks/futex_calls.sql",
            Map.of("roles", FutexOps.values()));
    private static final String STACKS_SQL = TextResource.load("/sql/locks/futex_stacks.sql");
    /** Chunks kept in memory (about 2 MB); the rest go to a temporary file. */
    private static final int CHUNKS_IN_MEMORY = 8;


    /**
     * One futex call.
     *
     * @param word   its futex word: the process and the address
     * @param ret    its return value; null when the trace ends inside it
     * @param waker  for a wait that returned 0, the thread that woke it, when the trace shows
     * @param wakeTs when the waker woke it
     */
    record Call(int tid, long ts, FutexOps.Role role, String word, Long ret, Long stackId,
                Integer waker, Long wakeTs) {
    }

    /** A futex word waited on, named by the stacks of most of its calls (null: none). */
    record Word(int pid, String uaddr, LockNames.Name name) {
        String key() {
            return key(pid, uaddr);
        }

        static String key(int pid, String uaddr) {
            return pid + " " + uaddr;
        }
    }

    private final RowSpill calls = new RowSpill("futex", CHUNKS_IN_MEMORY, ColumnKind.INT,
            ColumnKind.BIGINT, ColumnKind.INT, ColumnKind.TEXT, ColumnKind.BIGINT,
            ColumnKind.BIGINT, ColumnKind.INT, ColumnKind.BIGINT);
    private final List<Word> words = new ArrayList<>();

    private FutexCalls() {
    }

    static FutexCalls load(Connection conn, int traceId, UserLockNames names)
            throws SQLException {
        FutexCalls f = new FutexCalls();
        Map<String, Word> first = new LinkedHashMap<>();
        Map<String, Map<Long, Long>> stacksOf = new HashMap<>();
        try (ChunkRows rs = ChunkRows.query(conn, SQL, traceId)) {
            while (rs.next()) {
                int tid = rs.getInt(1);
                int pid = rs.getInt(2);
                FutexOps.Role role = FutexOps.Role.valueOf(
                        rs.getString(4).toUpperCase(Locale.ROOT));
                String uaddr = rs.getString(5);
                String word = Word.key(pid, uaddr);
                Long stackId = rs.getLongOrNull(8);
                if (role.waits()) {
                    first.putIfAbsent(word, new Word(pid, uaddr, null));
                }
                if (stackId != null) {
                    stacksOf.computeIfAbsent(word, w -> new HashMap<>())
                            .merge(stackId, 1L, Long::sum);
                }
                f.add(new Call(tid, rs.getLong(3), role, word, rs.getLongOrNull(7), stackId,
                        rs.getIntOrNull(9), rs.getLongOrNull(10)));
            }
        }
        Map<Long, LockNames.Name> byStack = new HashMap<>();
        LockEventStacks.forEach(conn, STACKS_SQL, traceId,
                (id, frames) -> byStack.put(id, names.of(frames)));
        for (Word w : first.values()) {
            f.words.add(new Word(w.pid(), w.uaddr(),
                    mostCommon(stacksOf.getOrDefault(w.key(), Map.of()), byStack)));
        }
        return f;
    }

    /** The name most of a word's waits give (ties: the name first in order). */
    private static LockNames.Name mostCommon(Map<Long, Long> stacks,
                                             Map<Long, LockNames.Name> byStack) {
        Map<LockNames.Name, Long> votes = new HashMap<>();
        stacks.forEach((stack, n) -> {
            LockNames.Name name = byStack.get(stack);
            if (name != null) {
                votes.merge(name, n, Long::sum);
            }
        });
        return votes.entrySet().stream()
                .max(Map.Entry.<LockNames.Name, Long>comparingByValue()
                        .thenComparing(e -> e.getKey().name(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** Calls given in time order (the replay's tests write them by hand). */
    static FutexCalls of(List<Call> calls) {
        FutexCalls f = new FutexCalls();
        calls.forEach(f::add);
        return f;
    }

    private void add(Call c) {
        calls.i(c.tid()).l(c.ts()).i(c.role().ordinal()).s(c.word()).l(c.ret()).l(c.stackId())
                .i(c.waker()).l(c.wakeTs());
        calls.end();
    }

    /** The words waited on, in the order of their first wait. */
    List<Word> words() {
        return words;
    }

    /** The calls in time order, found by the syscall enter each is. */
    Cursor cursor() {
        return new Cursor(calls.reader());
    }

    @Override
    public void close() {
        calls.close();
    }

    /** Walks the calls along the replay, which meets their enters in the same order. */
    static final class Cursor {
        private static final FutexOps.Role[] ROLES = FutexOps.Role.values();
        private final RowSpill.Reader rows;
        /** Calls read ahead at the time of the last lookup, not yet claimed. */
        private final List<Call> pending = new ArrayList<>();

        private Cursor(RowSpill.Reader rows) {
            this.rows = rows;
        }

        /** The call whose enter {@code tid} made at {@code ts}; null when not followed. */
        Call at(int tid, long ts) {
            pending.removeIf(c -> c.ts() < ts);
            for (Iterator<Call> it = pending.iterator(); it.hasNext(); ) {
                Call c = it.next();
                if (c.tid() == tid && c.ts() == ts) {
                    it.remove();
                    return c;
                }
            }
            while (rows.next()) {
                Call c = new Call(rows.getInt(0), rows.getLong(1), ROLES[rows.getInt(2)],
                        rows.getString(3), rows.getLongOrNull(4), rows.getLongOrNull(5),
                        rows.getIntOrNull(6), rows.getLongOrNull(7));
                if (c.ts() < ts) {
                    continue;
                }
                if (c.tid() == tid && c.ts() == ts) {
                    return c;
                }
                pending.add(c);
                if (c.ts() > ts) {
                    return null;
                }
            }
            return null;
        }
    }
}
