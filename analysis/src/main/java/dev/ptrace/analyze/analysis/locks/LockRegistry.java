package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.analysis.contention.LockTypes;
import dev.ptrace.analyze.analysis.locks.model.LockKind;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The locks of one trace, found once before the replay: each contended address and each mm,
 * with kind and name. A lock is named by its mm when it is an mmap_lock, else by the kernel's
 * symbol at its address when a kallsyms file is given, else by the stacks that waited for it
 * (the name most of its waits give, {@link LockNames}), else by where its address lies
 * ({@link AddressRanges}). The futex words waited on follow, each named by its waits' user
 * stacks ({@link UserLockNames}).
 */
public final class LockRegistry {
    private static final String LOCKS_SQL = TextResource.load("/sql/locks/lock_registry.sql");
    private static final String CALLERS_SQL = TextResource.load("/sql/locks/lock_callers.sql");
    private static final AddressRanges RANGES = AddressRanges.shipped();

    private final Map<String, LockInfo> byAddr = new HashMap<>();
    private final Map<String, LockInfo> byMm = new HashMap<>();
    private final Map<String, LockInfo> byFutex = new HashMap<>();
    private final List<LockInfo> all = new ArrayList<>();

    private LockRegistry() {
    }

    /** A contended address or an mm, as the registry query gives it. */
    private record Found(String addr, String mm, Integer flags, Integer pid) {
    }

    public static LockRegistry build(Connection conn, int traceId, LockNames names,
                                     Kallsyms kallsyms, List<FutexCalls.Word> futexWords)
            throws SQLException {
        Map<String, LockNames.Name> named = namesFromStacks(conn, traceId, names);
        List<Found> found = new ArrayList<>();
        Query.forEach(conn, LOCKS_SQL, rs -> {
            found.add(new Found(rs.getString(1), rs.getString(2),
                    (Integer) rs.getObject(3), (Integer) rs.getObject(4)));
        }, traceId);
        UnaryOperator<String> ranges = RANGES.forTrace(found.stream().map(Found::addr)
                .toList());
        List<LockInfo> locks = new ArrayList<>();
        for (Found f : found) {
            String addr = f.addr();
            String mm = f.mm();
            LockNames.Name n = addr == null ? null : named.get(addr);
            String symbol = mm == null ? kallsyms.name(addr) : null;
            String range = mm == null && symbol == null && n == null ? ranges.apply(addr) : null;
            LockKind kind = mm != null && f.flags() == null ? LockKind.RWSEM
                    : n != null && n.kind() != null ? n.kind() : LockTypes.kind(f.flags());
            String name = mm != null ? LockInfo.MMAP_LOCK : symbol != null ? symbol
                    : n != null ? n.name() : range;
            String source = mm != null ? "mmap_lock events"
                    : symbol != null ? "kallsyms"
                    : n != null ? "caller " + n.function()
                    : range != null ? "address range" : null;
            locks.add(new LockInfo(locks.size() + 1, addr, mm, kind, name, source,
                    mm == null ? null : f.pid()));
        }
        for (FutexCalls.Word w : futexWords) {
            LockNames.Name n = w.name();
            locks.add(new LockInfo(locks.size() + 1, w.uaddr(), null,
                    n == null ? LockKind.FUTEX : n.kind(), n == null ? null : n.name(),
                    n == null ? null : "user caller " + n.function(),
                    w.pid() == 0 ? null : w.pid()));
        }
        return of(locks);
    }

    /**
     * The registry of {@code locks}, found by address and, the first of each mm, by mm; a futex
     * word by its process and address.
     */
    static LockRegistry of(List<LockInfo> locks) {
        LockRegistry r = new LockRegistry();
        for (LockInfo lock : locks) {
            r.all.add(lock);
            if (lock.kind() == LockKind.FUTEX || lock.kind() == LockKind.FUTEX_LOCK) {
                r.byFutex.put(FutexCalls.Word.key(lock.pid() == null ? 0 : lock.pid(),
                        lock.addr()), lock);
            } else if (lock.addr() != null) {
                r.byAddr.put(lock.addr(), lock);
            }
            if (lock.mm() != null) {
                r.byMm.putIfAbsent(lock.mm(), lock);
            }
        }
        return r;
    }

    /** The lock at a contended address; null if the address never began a wait. */
    public LockInfo byAddr(String addr) {
        return byAddr.get(addr);
    }

    /** The mmap_lock of an mm. */
    public LockInfo byMm(String mm) {
        return byMm.get(mm);
    }

    /** The lock of a futex word ({@link FutexCalls.Word#key()}); null if never waited on. */
    LockInfo byFutex(String word) {
        return byFutex.get(word);
    }

    public Collection<LockInfo> all() {
        return all;
    }

    /** For each address, the name most of its waits' stacks give (ties: the first found). */
    private static Map<String, LockNames.Name> namesFromStacks(Connection conn, int traceId,
            LockNames names) throws SQLException {
        Map<Long, List<Frame>> stacks = LockEventStacks.load(conn, traceId);
        Map<String, Map<LockNames.Name, Long>> votes = new HashMap<>();
        Query.forEach(conn, CALLERS_SQL, rs -> {
            LockNames.Name n = names.of(stacks.getOrDefault(rs.getLong(2), List.of()));
            if (n != null) {
                votes.computeIfAbsent(rs.getString(1), a -> new HashMap<>())
                        .merge(n, rs.getLong(3), Long::sum);
            }
        }, traceId);
        Map<String, LockNames.Name> winners = new HashMap<>();
        votes.forEach((addr, v) -> winners.put(addr, v.entrySet().stream()
                .max(Map.Entry.<LockNames.Name, Long>comparingByValue()
                        .thenComparing(e -> e.getKey().name(),
                                java.util.Comparator.reverseOrder()))
                .orElseThrow().getKey()));
        return winners;
    }
}
