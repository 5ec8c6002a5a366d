package dev.ptrace.analyze.export;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.export.pprof.PprofProto.Function;
import dev.ptrace.analyze.export.pprof.PprofProto.Label;
import dev.ptrace.analyze.export.pprof.PprofProto.Line;
import dev.ptrace.analyze.export.pprof.PprofProto.Location;
import dev.ptrace.analyze.export.pprof.PprofProto.Profile;
import dev.ptrace.analyze.export.pprof.PprofProto.Sample;
import dev.ptrace.analyze.export.pprof.PprofProto.ValueType;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A trace's lock waits and holds as a pprof profile (profile.proto, gzipped): sample types
 * contentions (count), wait and hold (nanoseconds); a wait's stack is its call stack, a
 * hold's is two frames, the lock and what the holder spent it on; labels lock, thread, tid,
 * cause. {@code go tool pprof -sample_index=wait} then totals what {@code contention} does.
 */
public final class PprofExport {
    private static final String WAITS_SQL = TextResource.load("/sql/export/pprof_waits.sql");
    private static final String HOLDS_SQL = TextResource.load("/sql/export/pprof_holds.sql");
    private static final String FRAMES_SQL = TextResource.load("/sql/export/stack_frames.sql");

    private final Profile.Builder profile = Profile.newBuilder();
    private final Map<String, Long> strings = new HashMap<>();
    private final Map<String, Long> functions = new HashMap<>();
    private final Map<String, Long> locations = new HashMap<>();
    private final Map<Long, List<Long>> stackLocations = new HashMap<>();

    private PprofExport() {
        string("");
    }

    /** Writes the profile of a trace, gzipped. */
    public static void write(Connection conn, int traceId, OutputStream out)
            throws SQLException, IOException {
        PprofExport p = new PprofExport();
        p.profile.addSampleType(p.type("contentions", "count"))
                .addSampleType(p.type("wait", "nanoseconds"))
                .addSampleType(p.type("hold", "nanoseconds"))
                .setPeriodType(p.type("wait", "nanoseconds")).setPeriod(1)
                .setDefaultSampleType(p.string("wait"))
                .addComment(p.string("ptrace-analyze: lock waits and holds of trace "
                        + traceId));
        Map<Long, List<Frame>> stacks = LockEventStacks.load(conn, FRAMES_SQL, traceId);
        Query.forEach(conn, WAITS_SQL, rs -> {
            Long stackId = (Long) rs.getObject("stack_id");
            List<Long> locs = stackId == null
                    ? List.of(p.pseudo("[no stack]"))
                    : p.stack(stackId, stacks.getOrDefault(stackId, List.of()));
            p.sample(locs, rs.getLong("waits"), rs.getLong("wait_ns"), 0, rs);
        }, traceId);
        Query.forEach(conn, HOLDS_SQL, rs -> {
            p.sample(List.of(p.pseudo(rs.getString("cause")),
                    p.pseudo("[holding " + rs.getString("lock") + "]")), 0, 0,
                    rs.getLong("hold_ns"), rs);
        }, traceId);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            p.profile.build().writeTo(gz);
        }
    }

    private void sample(List<Long> locs, long count, long waitNs, long holdNs, ResultSet rs)
            throws SQLException {
        Sample.Builder s = Sample.newBuilder().addAllLocationId(locs).addValue(count)
                .addValue(waitNs).addValue(holdNs)
                .addLabel(label("lock", rs.getString("lock")))
                .addLabel(label("thread", rs.getString("comm") + " " + rs.getInt("tid")))
                .addLabel(Label.newBuilder().setKey(string("tid")).setNum(rs.getInt("tid")));
        String cause = rs.getString("cause");
        if (cause != null) {
            s.addLabel(label("cause", cause));
        }
        profile.addSample(s);
    }

    private Label label(String key, String value) {
        return Label.newBuilder().setKey(string(key)).setStr(string(value == null ? "?"
                : value)).build();
    }

    private ValueType type(String type, String unit) {
        return ValueType.newBuilder().setType(string(type)).setUnit(string(unit)).build();
    }

    /** The locations of a stack, leaf first, made once per stack. */
    private List<Long> stack(long stackId, List<Frame> frames) {
        return stackLocations.computeIfAbsent(stackId, id -> {
            List<Long> out = new ArrayList<>();
            for (Frame f : frames) {
                String name = FoldedStacks.name(f);
                out.add(location(f.ip() + "/" + name, name == null ? "[unknown]" : name,
                        f.module(), parseAddress(f.ip())));
            }
            return out.isEmpty() ? List.of(pseudo("[empty stack]")) : out;
        });
    }

    private long pseudo(String name) {
        return location("pseudo/" + name, name, null, 0);
    }

    private long location(String key, String name, String module, long address) {
        Long id = locations.get(key);
        if (id == null) {
            id = (long) locations.size() + 1;
            locations.put(key, id);
            profile.addLocation(Location.newBuilder().setId(id).setAddress(address)
                    .addLine(Line.newBuilder().setFunctionId(function(name, module))));
        }
        return id;
    }

    private long function(String name, String module) {
        String key = name + "\u0000" + module;
        Long id = functions.get(key);
        if (id == null) {
            id = (long) functions.size() + 1;
            functions.put(key, id);
            profile.addFunction(Function.newBuilder().setId(id).setName(string(name))
                    .setSystemName(string(name)).setFilename(string(module == null ? ""
                            : module)));
        }
        return id;
    }

    private long string(String s) {
        Long i = strings.get(s);
        if (i == null) {
            i = (long) strings.size();
            strings.put(s, i);
            profile.addStringTable(s);
        }
        return i;
    }

    private static long parseAddress(String ip) {
        try {
            return ip == null ? 0 : Long.parseUnsignedLong(ip, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
