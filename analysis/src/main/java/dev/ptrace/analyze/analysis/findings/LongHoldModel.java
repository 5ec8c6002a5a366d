package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.units.Bytes;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.SqlResource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Long mmap_lock holds (DESIGN.md scenarios 2 and 4): the holds of one thread doing one kind
 * of operation (a munmap, a populating mmap, an madvise advice) grouped when one of them is
 * long (long_hold_ns), with what the others waited behind them. Three what-ifs: the range
 * done in pieces (the holder's time on CPU shrinks in proportion to the bytes, and each wait
 * behind it to at most one piece's hold, for the share of the hold the holder ran); a munmap
 * in two phases (only the write part the trace shows before the downgrade stays under the
 * lock); an madvise advice on a kernel that takes the VMA's lock for it (madvise-locks.tsv).
 */
public final class LongHoldModel implements FindingModel {
    static final String SCENARIO = "long-hold";
    private static final String HOLDS_SQL = SqlResource.load("/sql/findings/mmap_lock_holds.sql");
    private static final String MADVISE_SQL = SqlResource.load("/sql/findings/madvise_calls.sql");
    private static final long MAP_POPULATE = 0x8000;
    private static final long MADV_POPULATE_READ = 22;
    private static final long MADV_POPULATE_WRITE = 23;
    private static final String QUERY = "SELECT h.hold_id, h.tid, h.mode, h.duration_ns, "
            + "h.end_evidence, (SELECT sum(blamed_ns) FROM blame b WHERE b.trace_id = h.trace_id"
            + " AND b.hold_id = h.hold_id) AS blamed_ns FROM holds h JOIN locks l USING "
            + "(trace_id, lock_id) WHERE h.trace_id = %d AND l.name = 'mmap_lock' AND h.tid = %d"
            + " ORDER BY h.duration_ns DESC LIMIT 20";
    private final MadviseLocks madviseLocks = MadviseLocks.shipped();

    /**
     * One hold: how long, how much of it its holder ran, the write part before it, the waits
     * blamed on it (ns each) and the size of its range.
     */
    private record Hold(long duration, long running, Long writePart, List<Long> blamed,
                        Long len) {
        long blamedNs() {
            return blamed.stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The holds of one thread doing one operation. */
    private record Group(int tid, String comm, String operation, String kind, Long advice,
                         List<Hold> holds) {
    }

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        long longHold = ctx.parameters().get("long_hold_ns");
        Map<Long, long[]> madviseCalls = madviseCalls(ctx);
        List<Finding> out = new ArrayList<>();
        for (Group g : groups(ctx)) {
            long longest = g.holds().stream().mapToLong(Hold::duration).max().orElse(0);
            long blamed = g.holds().stream().mapToLong(Hold::blamedNs).sum();
            boolean ranged = !g.kind().equals("other") && !g.kind().equals("unknown");
            if (longest >= longHold && (blamed > 0 || ranged)) {
                out.add(finding(ctx, g, longest, blamed, madviseCalls));
            }
        }
        return out;
    }

    private Finding finding(FindingContext ctx, Group g, long longest, long blamed,
                            Map<Long, long[]> madviseCalls) {
        FindingTexts t = ctx.texts();
        long piece = ctx.parameters().get("range_piece_bytes");
        Long len = g.holds().stream().map(Hold::len).filter(l -> l != null && l > 0)
                .max(Long::compare).orElse(null);
        long waits = g.holds().stream().mapToLong(h -> h.blamed().size()).sum();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("operation", g.operation() + " (" + g.comm() + " " + g.tid() + ")");
        v.put("longest", time(longest));
        v.put("holds", String.format("%,d", g.holds().size()));
        v.put("size", len == null ? "" : ", " + Bytes.format(len) + " each");
        v.put("blamed", time(blamed));
        v.put("waits", String.format("%,d", waits));
        v.put("piece_size", Bytes.format(piece));
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("holder_tid", (long) g.tid());
        figures.put("holds", (long) g.holds().size());
        figures.put("longest_hold_ns", longest);
        figures.put("blamed_ns", blamed);
        figures.put("waits", waits);
        if (len != null) {
            figures.put("range_bytes", len);
        }
        List<String> predictions = new ArrayList<>();
        List<String> recommendations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long saved = 0;
        boolean ranged = g.kind().equals("munmap") || g.kind().equals("populate")
                || g.kind().equals("madvise");
        if (ranged) {
            long pieceNs = ctx.parameters().get("range_piece_ns");
            long work = g.holds().stream().mapToLong(Hold::running).max().orElse(0);
            if (len != null && work > 0) { // pieces small enough to keep each hold short
                long fits = Math.max(ctx.parameters().get("page_size"),
                        Long.highestOneBit(Math.max(1, len * pieceNs / work)));
                piece = Math.min(piece, fits);
                v.put("piece_size", Bytes.format(piece));
            } else {
                v.put("piece_size", "a size that takes at most " + time(pieceNs));
            }
            boolean bySize = len != null && len > piece;
            long pieceHold = 0;
            long pieceSaved = 0;
            for (Hold h : g.holds()) {
                // the work shrinks with the piece; time the holder spent off CPU does not
                // (preemption is the inversion finding's story)
                long ph = bySize && h.len() != null ? h.running() * piece / h.len()
                        : Math.min(h.running(), pieceNs);
                double onCpu = (double) h.running() / Math.max(1, h.duration());
                pieceHold = Math.max(pieceHold, ph);
                for (long b : h.blamed()) {
                    pieceSaved += Math.round(Math.max(0, b - ph) * onCpu);
                }
            }
            v.put("piece_hold", time(pieceHold));
            v.put("piece_saved", time(pieceSaved));
            predictions.addAll(t.all(SCENARIO, bySize ? "prediction-pieces"
                    : "prediction-pieces-time", v));
            figures.put("piece_bytes", piece);
            figures.put("piece_longest_hold_ns", pieceHold);
            figures.put("piece_saved_ns", pieceSaved);
            saved = pieceSaved;
        }
        long writePart = g.holds().stream().map(Hold::writePart)
                .filter(w -> w != null).mapToLong(Long::longValue).max().orElse(-1);
        if (g.kind().equals("munmap") && writePart >= 0) {
            long readPart = g.holds().stream().mapToLong(Hold::duration).max().orElse(0);
            v.put("write_part", time(writePart));
            v.put("read_part", time(readPart));
            v.put("two_phase_saved", time(blamed));
            predictions.addAll(t.all(SCENARIO, "prediction-two-phase", v));
            figures.put("write_part_ns", writePart);
            saved = Math.max(saved, blamed);
        }
        if (g.advice() != null) {
            MadviseLocks.Advice a = madviseLocks.of(g.advice());
            long[] calls = madviseCalls.getOrDefault(g.advice(), new long[2]);
            v.put("advice", a.name());
            v.put("advice_calls", String.format("%,d", calls[0]));
            v.put("advice_locked", String.format("%,d", calls[1]));
            v.put("kernel_note", kernelNote(ctx.kernel(), a));
            notes.addAll(t.all(SCENARIO, "note-madvise", v));
            if (a.perVmaSince() != null && (ctx.kernel() == null
                    || !ctx.kernel().atLeast(a.perVmaSince()))) {
                v.put("per_vma_since", a.perVmaSince().toString());
                predictions.addAll(t.all(SCENARIO, "prediction-per-vma", v));
                recommendations.addAll(t.all(SCENARIO, "recommendation-per-vma", v));
                saved = Math.max(saved, blamed);
            }
        }
        recommendations.addAll(t.all(SCENARIO, "recommendation-" + g.kind(), v));
        String prediction = predictions.isEmpty()
                ? "No what-if model applies: the trace does not show the size of the range."
                : String.join(" ", predictions);
        List<String> evidence = List.of(
                String.format("%,d holds by %s %d, the longest %s, %s in all", g.holds().size(),
                        g.comm(), g.tid(), time(longest), time(g.holds().stream()
                                .mapToLong(Hold::duration).sum())),
                String.format("%,d waits of other threads blamed on them: %s", waits,
                        time(blamed)));
        return new Finding(SCENARIO, t.one(SCENARIO, "title", v), saved, "mmap_lock", evidence,
                prediction, recommendations, notes,
                String.format(QUERY, ctx.traceId(), g.tid()), figures);
    }

    static String kernelNote(KernelRelease kernel, MadviseLocks.Advice a) {
        if (kernel == null) {
            return " (the trace does not say its kernel release: perf script --header does)";
        }
        return a.perVmaSince() != null && kernel.atLeast(a.perVmaSince())
                ? "; kernel " + kernel + " takes the VMA's lock for it and mmap_lock only as "
                        + "a fallback (a range over several VMAs, a contended VMA lock)"
                : "; kernel " + kernel + " takes mmap_lock for it";
    }

    private List<Group> groups(FindingContext ctx) throws SQLException {
        Map<String, Group> groups = new LinkedHashMap<>();
        try (PreparedStatement ps = ctx.conn().prepareStatement(HOLDS_SQL)) {
            ps.setInt(1, ctx.traceId());
            try (ResultSet rs = ps.executeQuery()) {
                long current = -1;
                Hold hold = null;
                while (rs.next()) {
                    long holdId = rs.getLong("hold_id");
                    if (holdId != current) {
                        current = holdId;
                        Group g = group(rs, groups);
                        Long len = (Long) rs.getObject("len");
                        hold = new Hold(rs.getLong("duration_ns"), rs.getLong("running_ns"),
                                (Long) rs.getObject("write_part_ns"), new ArrayList<>(), len);
                        g.holds().add(hold);
                    }
                    long blamed = rs.getLong("blamed_ns");
                    if (!rs.wasNull()) {
                        hold.blamed().add(blamed);
                    }
                }
            }
        }
        return List.copyOf(groups.values());
    }

    /** The group of the current row's hold: its thread and operation. */
    private Group group(ResultSet rs, Map<String, Group> groups) throws SQLException {
        int tid = rs.getInt("tid");
        String comm = rs.getString("comm");
        String syscall = rs.getString("syscall");
        Long advice = syscall != null && syscall.equals("madvise")
                ? (Long) rs.getObject("advice") : null;
        String operation;
        String kind;
        if (syscall == null) {
            String cause = rs.getString("cause");
            operation = cause != null ? cause + " outside the traced syscalls"
                    : "work outside the traced syscalls";
            kind = cause == null ? "unknown" : switch (cause) {
                case "populate", "zeroing" -> "populate";
                case "unmap", "munmap" -> "munmap";
                case "madvise" -> "madvise";
                default -> "unknown";
            };
        } else if (syscall.equals("madvise")) {
            boolean populate = advice != null && (advice == MADV_POPULATE_READ
                    || advice == MADV_POPULATE_WRITE);
            operation = "madvise(" + (advice == null ? "?" : madviseLocks.of(advice).name())
                    + ")";
            kind = populate ? "populate" : "madvise";
        } else if (syscall.equals("mmap") && (rs.getLong("flags") & MAP_POPULATE) != 0) {
            operation = "mmap(MAP_POPULATE)";
            kind = "populate";
        } else {
            operation = syscall;
            kind = syscall.equals("munmap") ? "munmap" : "other";
        }
        return groups.computeIfAbsent(tid + "/" + operation + "/" + advice,
                k -> new Group(tid, comm, operation, kind, advice, new ArrayList<>()));
    }

    /** Per advice: calls, and calls that took an mmap_lock. */
    private static Map<Long, long[]> madviseCalls(FindingContext ctx) throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        try (PreparedStatement ps = ctx.conn().prepareStatement(MADVISE_SQL)) {
            ps.setInt(1, ctx.traceId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long advice = (Long) rs.getObject(1);
                    if (advice != null) {
                        out.put(advice, new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
        }
        return out;
    }

    private static String time(long ns) {
        return PerfTime.format(ns);
    }
}
