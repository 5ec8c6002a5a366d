package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.findings.MmapLockHoldGroups.Group;
import dev.ptrace.analyze.analysis.findings.MmapLockHoldGroups.HoldFile;
import dev.ptrace.analyze.analysis.units.Bytes;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Long mmap_lock holds (docs/design.md scenarios 2 and 4): the holds of one thread doing one kind
 * of operation (a munmap, a populating mmap, an madvise advice) grouped when one of them is
 * long (long_hold_ns), with what the others waited behind them. Three what-ifs: the range
 * done in pieces (the holder's time on CPU shrinks in proportion to the bytes, and each wait
 * behind it to at most one piece's hold, for the share of the hold the holder ran); a munmap
 * in two phases (only the write part the trace shows before the downgrade stays under the
 * lock); an madvise advice on a kernel that takes the VMA's lock for it (madvise-locks.tsv).
 * The holds and their groups come from {@link MmapLockHoldGroups}.
 */
public final class LongHoldWhatIf implements WhatIf {
    static final String SCENARIO = "long-hold";
    private static final String MADVISE_SQL = TextResource.load("/sql/findings/madvise_calls.sql");
    private final MadviseLocks madviseLocks = MadviseLocks.shipped();

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        long longHold = ctx.parameters().get("long_hold_ns");
        Map<Long, MadviseCalls> madviseCalls = madviseCalls(ctx);
        List<Finding> out = new ArrayList<>();
        try (HoldFile holds = new HoldFile()) {
            for (Group g : MmapLockHoldGroups.load(ctx, holds, madviseLocks)) {
                if (g.longest >= longHold && (g.blamed > 0 || g.kind.ranged())) {
                    out.add(finding(ctx, g, holds, madviseCalls));
                }
            }
        }
        return out;
    }

    private Finding finding(FindingContext ctx, Group g, HoldFile holds,
                            Map<Long, MadviseCalls> madviseCalls) {
        FindingTexts t = ctx.texts();
        long piece = ctx.parameters().get("range_piece_bytes");
        long longest = g.longest;
        long blamed = g.blamed;
        Long len = g.maxLen;
        long waits = g.waits;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("operation", t.one(SCENARIO, "operation-by", Map.of("operation", g.operation,
                "comm", String.valueOf(g.comm), "tid", Integer.toString(g.tid))));
        v.put("longest", time(longest));
        v.put("holds", String.format("%,d", g.holds));
        v.put("size", len == null ? "" : ", " + Bytes.format(len) + " each");
        v.put("blamed", time(blamed));
        v.put("waits", String.format("%,d", waits));
        v.put("piece_size", Bytes.format(piece));
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("holder_tid", (long) g.tid);
        figures.put("holds", g.holds);
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
        v.put("holder_comm", g.comm);
        v.put("holder_tid", Integer.toString(g.tid));
        boolean onePiece = false;
        boolean offCpu = longest > g.maxRunning;
        if (g.kind.ranged()) {
            long pieceNs = ctx.parameters().get("range_piece_ns");
            long work = g.maxRunning;
            if (len != null && work > 0) { // pieces small enough to keep each hold short
                piece = pieceBytes(len, work, pieceNs, ctx.parameters().get("page_size"), piece);
                v.put("piece_size", Bytes.format(piece));
            } else {
                v.put("piece_size", "a size that takes at most " + time(pieceNs));
            }
            // the whole range took less CPU than a piece may (or none at all): pieces would
            // not shorten the hold
            onePiece = work == 0 || len != null && len <= piece;
            if (onePiece) {
                v.put("running", time(work));
                v.put("piece_ns", time(pieceNs));
                predictions.addAll(t.all(SCENARIO, offCpu ? "prediction-one-piece-off-cpu"
                        : "prediction-one-piece", v));
            } else {
                // more than one piece: by size where the trace shows the range's
                InPieces p = inPieces(holds, g, len != null, piece, pieceNs);
                v.put("piece_hold", time(p.longestHold()));
                v.put("piece_saved", time(p.saved()));
                predictions.addAll(t.all(SCENARIO, len != null ? "prediction-pieces"
                        : "prediction-pieces-time", v));
                figures.put("piece_bytes", piece);
                figures.put("piece_longest_hold_ns", p.longestHold());
                figures.put("piece_saved_ns", p.saved());
                saved = p.saved();
            }
        }
        long writePart = g.maxWritePart;
        if (g.kind == HoldKind.MUNMAP && writePart >= 0) {
            long readPart = longest;
            v.put("write_part", time(writePart));
            v.put("read_part", time(readPart));
            v.put("two_phase_saved", time(blamed));
            predictions.addAll(t.all(SCENARIO, "prediction-two-phase", v));
            figures.put("write_part_ns", writePart);
            saved = Math.max(saved, blamed);
        }
        if (g.advice != null) {
            MadviseLocks.Advice a = madviseLocks.of(g.advice);
            MadviseCalls calls = madviseCalls.getOrDefault(g.advice, new MadviseCalls(0, 0));
            v.put("advice", a.name());
            v.put("advice_calls", String.format("%,d", calls.calls()));
            v.put("advice_locked", String.format("%,d", calls.locked()));
            v.put("kernel_note", kernelNote(ctx.kernel(), a));
            notes.addAll(t.all(SCENARIO, "note-madvise", v));
            if (a.perVmaSince() != null && (ctx.kernel() == null
                    || !ctx.kernel().atLeast(a.perVmaSince()))) {
                v.put("per_vma_since", a.perVmaSince().toString());
                predictions.addAll(t.all(SCENARIO, "prediction-per-vma", v));
                recommendations.addAll(t.all(SCENARIO, "recommendation-per-vma", v));
                saved = Math.max(saved, blamed);
            }
        } else {
            // held in madvise (its stack says so) whose call the trace does not show (a
            // recording attached after it began): its advice is not known
            v.put("advice", "madvise");
        }
        String recommendation = !onePiece ? g.kind.key() : offCpu ? "off-cpu" : "other";
        recommendations.addAll(t.all(SCENARIO, "recommendation-" + recommendation, v));
        String prediction = predictions.isEmpty() ? t.one(SCENARIO, "prediction-none", v)
                : String.join(" ", predictions);
        v.put("held_in_all", time(g.totalDuration));
        List<String> evidence = t.all(SCENARIO, "evidence", v);
        return new Finding(SCENARIO, t.one(SCENARIO, "title", v), saved, "mmap_lock", evidence,
                prediction, recommendations, notes,
                ReproductionQuery.named("longest_mmap_lock_holds", ctx.traceId(), g.tid), figures);
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

    /** An madvise advice's calls, and those of them that took an mmap_lock. */
    private record MadviseCalls(long calls, long locked) {
    }

    /**
     * The piece a range of {@code rangeBytes} is done in, when its holder ran {@code runningNs}
     * on it: the largest power of two whose share of that time stays within {@code pieceNs},
     * rounded down so that no piece takes longer, and at least a page, at most
     * {@code largest}.
     */
    static long pieceBytes(long rangeBytes, long runningNs, long pieceNs, long pageSize,
                           long largest) {
        long fits = Math.max(pageSize,
                Long.highestOneBit(Math.max(1, rangeBytes * pieceNs / runningNs)));
        return Math.min(largest, fits);
    }

    /** The group's holds done in pieces: the longest hold of a piece, and the waiting saved. */
    private record InPieces(long longestHold, long saved) {
    }

    /**
     * Each hold of the group in pieces of {@code pieceBytes} (by size) or {@code pieceNs}: the
     * work shrinks with the piece, time the holder spent off CPU does not (preemption is the
     * inversion finding's story); each wait behind it shrinks to one piece's hold, for the
     * share of the hold the holder ran.
     */
    private static InPieces inPieces(HoldFile holds, Group g, boolean bySize, long pieceBytes,
                                     long pieceNs) {
        var totals = new Object() {
            long longestHold;
            long saved;
        };
        holds.forEachOf(g.index, h -> {
            long ph = bySize && h.len() != null ? h.running() * pieceBytes / h.len()
                    : Math.min(h.running(), pieceNs);
            double onCpu = (double) h.running() / Math.max(1, h.duration());
            totals.longestHold = Math.max(totals.longestHold, ph);
            for (long b : h.blamed()) {
                totals.saved += Math.round(Math.max(0, b - ph) * onCpu);
            }
        });
        return new InPieces(totals.longestHold, totals.saved);
    }

    /** Per advice: its calls. */
    private static Map<Long, MadviseCalls> madviseCalls(FindingContext ctx) throws SQLException {
        Map<Long, MadviseCalls> out = new HashMap<>();
        Query.forEach(ctx.conn(), MADVISE_SQL, rs -> {
            Long advice = (Long) rs.getObject(1);
            if (advice != null) {
                out.put(advice, new MadviseCalls(rs.getLong(2), rs.getLong(3)));
            }
        }, ctx.traceId());
        return out;
    }

    private static String time(long ns) {
        return PerfTime.format(ns);
    }
}
