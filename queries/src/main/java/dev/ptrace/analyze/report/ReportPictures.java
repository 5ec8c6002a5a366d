package dev.ptrace.analyze.report;

import dev.ptrace.analyze.export.FoldedStacks;
import dev.ptrace.analyze.knowledge.TextResource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the HTML report draws besides the {@link TraceReport}: a timeline of the threads that
 * waited and held the most, and the wait stacks of a flame graph.
 *
 * @param tracks the threads, the most waiting and holding first; times from the trace's start
 * @param flame  folded wait stacks (root first) with the nanoseconds waited in each
 */
public record ReportPictures(List<Track> tracks, List<FoldedStack> flame) {
    private static final String TIMELINE = TextResource.load("/sql/report/timeline.sql");
    /** Threads the timeline shows. */
    public static final int TIMELINE_THREADS = 24;

    /** One thread's line of the timeline. */
    public record Track(int tid, String comm, Integer prio, List<Span> holds, List<Span> states,
                        List<Span> waits) {
    }

    /** From {@code begin} to {@code end} (ns from the trace's start): what it was. */
    public record Span(long begin, long end, String what) {
    }

    public record FoldedStack(String stack, long ns) {
    }

    public static ReportPictures of(Connection conn, int traceId) throws SQLException {
        return new ReportPictures(tracks(conn, traceId), flame(conn, traceId));
    }

    private static List<Track> tracks(Connection conn, int traceId) throws SQLException {
        List<Track> tracks = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(TIMELINE)) {
            ps.setInt(1, traceId);
            ps.setInt(2, TIMELINE_THREADS);
            try (ResultSet rs = ps.executeQuery()) {
                Track track = null;
                while (rs.next()) {
                    int tid = rs.getInt("tid");
                    if (track == null || track.tid() != tid) {
                        Object prio = rs.getObject("prio");
                        track = new Track(tid, rs.getString("comm"),
                                prio == null ? null : ((Number) prio).intValue(), new ArrayList<>(),
                                new ArrayList<>(), new ArrayList<>());
                        tracks.add(track);
                    }
                    Span span = new Span(rs.getLong("b"), rs.getLong("e"), rs.getString("what"));
                    switch (rs.getString("kind")) {
                        case "hold" -> track.holds().add(span);
                        case "state" -> track.states().add(span);
                        default -> track.waits().add(span);
                    }
                }
            }
        }
        return tracks;
    }

    private static List<FoldedStack> flame(Connection conn, int traceId) throws SQLException {
        StringWriter folded = new StringWriter();
        FoldedStacks.write(conn, traceId, FoldedStacks.Mode.WAITS, null, false,
                new PrintWriter(folded));
        List<FoldedStack> out = new ArrayList<>();
        for (String line : folded.toString().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                out.add(new FoldedStack(line.substring(0, space),
                        Long.parseLong(line.substring(space + 1))));
            }
        }
        return out;
    }
}
