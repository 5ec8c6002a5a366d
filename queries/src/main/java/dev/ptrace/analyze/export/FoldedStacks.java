package dev.ptrace.analyze.export;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.read.TraceFacts;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folded stacks ({@code comm;root;...;leaf weight}) for flamegraph.pl, speedscope and inferno.
 * CPU mode folds what FlameGraph's stackcollapse-perf.pl (default options) folds of the same
 * perf script text: its event filter and weights (folded_events.sql), its frame names
 * ({@link StackcollapseFrame}), lines sorted bytewise; what it cannot read of a layout it does
 * not fold here either (callchain lines without module, stacks printed on the event line).
 * Waits mode weights each lock wait's stack by its duration in ns, with the lock as the leaf.
 */
public final class FoldedStacks {
    private static final String EVENTS_SQL = TextResource.load("/sql/export/folded_events.sql");
    private static final String WAITS_SQL = TextResource.load("/sql/export/folded_waits.sql");
    private static final String FRAMES_SQL = TextResource.load("/sql/export/stack_frames.sql");
    private static final String LAYOUT_SQL = TextResource.load("/sql/export/folded_layout.sql");

    public enum Mode { CPU, WAITS }

    private FoldedStacks() {
    }

    /**
     * Writes the folded stacks of a trace. {@code event}: the event stackcollapse-perf.pl's
     * filter keeps (its --event-filter; null: the first in the trace); {@code otherEvents}:
     * whether events other than samples count. Returns why CPU mode folded nothing of a trace
     * with stacks, else null.
     */
    public static String write(Connection conn, int traceId, Mode mode, String event,
                               boolean otherEvents, PrintWriter out) throws SQLException {
        Layout layout = mode == Mode.CPU ? Layout.of(conn, traceId) : Layout.CALLCHAINS;
        if (layout.nothingToFold() != null) {
            out.flush();
            return layout.nothingToFold();
        }
        Map<Long, List<Frame>> stacks = LockEventStacks.load(conn, FRAMES_SQL, traceId);
        Map<Long, String> folded = new HashMap<>();
        Map<String, Long> lines = new TreeMap<>((a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement ps = conn.prepareStatement(mode == Mode.CPU ? EVENTS_SQL
                : WAITS_SQL)) {
            ps.setInt(1, traceId);
            if (mode == Mode.CPU) {
                ps.setString(2, event);
                ps.setBoolean(3, otherEvents);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String comm = rs.getString("comm");
                    String pname = comm == null ? "" : comm.replace(' ', '_');
                    long stackId = rs.getLong("stack_id");
                    String frames = folded.computeIfAbsent(stackId,
                            id -> frames(stacks.getOrDefault(id, List.of()), pname, layout));
                    String line = pname + (frames.isEmpty() ? "" : ";" + frames)
                            + (mode == Mode.WAITS ? ";[wait " + rs.getString("lock") + "]" : "");
                    lines.merge(line, rs.getLong("weight"), Long::sum);
                }
            }
        }
        lines.forEach((stack, weight) -> out.println(stack + " " + weight));
        out.flush();
        return null;
    }

    /** A frame's name as stackcollapse-perf.pl gives it, or null for a frame it leaves out. */
    static String name(Frame f) {
        return StackcollapseFrame.name(f, "");
    }

    /** The frames root first, named as stackcollapse-perf.pl names them. */
    private static String frames(List<Frame> leafFirst, String pname, Layout layout) {
        StringBuilder s = new StringBuilder();
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            Frame f = leafFirst.get(i);
            // a callchain line without "(module)" is not a frame line to the script
            String name = layout.withoutModule() && f.module() == null ? null
                    : StackcollapseFrame.name(f, pname);
            if (name == null) {
                continue;
            }
            if (s.length() > 0) {
                s.append(';');
            }
            s.append(name);
        }
        return s.toString();
    }

    /**
     * How perf script printed a trace's stacks (trace_metadata, from its reader).
     *
     * @param nothingToFold why stackcollapse-perf.pl folds none of them, or null
     */
    private record Layout(String nothingToFold, boolean withoutModule) {
        static final Layout CALLCHAINS = new Layout(null, false);

        static Layout of(Connection conn, int traceId) throws SQLException {
            try (PreparedStatement ps = conn.prepareStatement(LAYOUT_SQL)) {
                ps.setInt(1, traceId);
                ps.setString(2, TraceFacts.STACKS_ON_EVENT_LINE);
                ps.setString(3, TraceFacts.FRAMES_WITHOUT_MODULE);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long withStack = rs.getLong("with_stack");
                    String none = null;
                    if (withStack > 0 && rs.getLong("on_event_line") == withStack) {
                        none = "nothing folded: perf printed each stack on its event line (no "
                                + "callchain lines, which stackcollapse-perf.pl folds)";
                    } else if (withStack > 0 && rs.getLong("named") == 0) {
                        none = "nothing folded: no event line shows a thread name and id "
                                + "(perf script -F comm,tid), which stackcollapse-perf.pl needs";
                    }
                    return new Layout(none, rs.getLong("without_module") > 0);
                }
            }
        }
    }
}
