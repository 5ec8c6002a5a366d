package dev.ptrace.analyze.export;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
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
import java.util.regex.Pattern;

/**
 * Folded stacks ({@code comm;root;...;leaf weight}) for flamegraph.pl, speedscope and inferno.
 * CPU mode follows FlameGraph's stackcollapse-perf.pl on the same perf script: the samples of
 * one event weighted by their period, other events with a stack weighted 1; frame names
 * tidied as it does; lines sorted bytewise. Waits mode weights each lock wait's stack by its
 * duration in ns, with the lock as the leaf.
 */
public final class FoldedStacks {
    private static final String EVENTS_SQL = TextResource.load("/sql/export/folded_events.sql");
    private static final String WAITS_SQL = TextResource.load("/sql/export/folded_waits.sql");
    private static final String FRAMES_SQL = TextResource.load("/sql/export/stack_frames.sql");
    /** A Go method such as net/http.(*Client).Do keeps its parentheses. */
    private static final Pattern GO_METHOD = Pattern.compile("\\.\\(.*\\)\\.");
    /** Everything from the first '(' that does not open "(anonymous namespace)". */
    private static final Pattern ARGUMENTS = Pattern.compile("\\((?!anonymous namespace\\)).*");

    public enum Mode { CPU, WAITS }

    private FoldedStacks() {
    }

    /**
     * Writes the folded stacks of a trace. {@code event}: the sample event to keep (null: the
     * first in the trace); {@code otherEvents}: whether events other than samples count.
     */
    public static void write(Connection conn, int traceId, Mode mode, String event,
                             boolean otherEvents, PrintWriter out) throws SQLException {
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
                            id -> frames(stacks.getOrDefault(id, List.of()), pname));
                    String line = pname + (frames.isEmpty() ? "" : ";" + frames)
                            + (mode == Mode.WAITS ? ";[wait " + rs.getString("lock") + "]" : "");
                    lines.merge(line, rs.getLong("weight"), Long::sum);
                }
            }
        }
        lines.forEach((stack, weight) -> out.println(stack + " " + weight));
        out.flush();
    }

    /** The frames root first, named as stackcollapse-perf.pl names them. */
    private static String frames(List<Frame> leafFirst, String pname) {
        StringBuilder s = new StringBuilder();
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            String name = name(leafFirst.get(i), pname);
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

    /** A frame's name, or null for a frame the script skips (a name in parentheses). */
    static String name(Frame f, String pname) {
        String func = f.symbol() == null ? "[unknown]" : f.symbol();
        if (func.startsWith("(")) {
            return null;
        }
        if (func.equals("[unknown]")) {
            String mod = f.module();
            func = mod == null || mod.equals("[unknown]") ? "[unknown]"
                    : "[" + mod.substring(mod.lastIndexOf('/') + 1) + "]";
        }
        func = func.replace(';', ':');
        if (!GO_METHOD.matcher(func).find()) {
            func = ARGUMENTS.matcher(func).replaceFirst("");
        }
        func = func.replace("\"", "").replace("'", "");
        if (pname.equals("java") && func.contains("/") && func.startsWith("L")) {
            func = func.substring(1);
        }
        return func;
    }
}
