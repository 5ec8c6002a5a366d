package dev.ptrace.analyze.export;

import com.google.protobuf.CodedOutputStream;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.CounterDescriptor;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.DebugAnnotation;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.ProcessDescriptor;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.ThreadDescriptor;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.TracePacket;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.TrackDescriptor;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.TrackEvent;
import dev.ptrace.analyze.knowledge.TextResource;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A trace as a Perfetto trace (a Trace message of TracePackets, written packet by packet
 * as the events come out of DuckDB in time order): a track per process and thread with its
 * name; thread states as slices on the thread's track; lock waits, holds and inversions as
 * slices on tracks under the threads; flows from a hold to the waits it handed the lock to;
 * a counter of waiters per lock. The inversions come from the temporary inversions table
 * ({@code AnalysisTables}), which {@code TraceAnalysis.exportPerfetto} fills first.
 */
public final class PerfettoExport {
    private static final String TRACKS_SQL = TextResource.load("/sql/export/perfetto_tracks.sql");
    private static final String EVENTS_SQL = TextResource.load("/sql/export/perfetto_events.sql");
    private static final int SEQUENCE = 1;
    private static final int SEQ_INCREMENTAL_STATE_CLEARED = 1;

    private PerfettoExport() {
    }

    public static void write(Connection conn, int traceId, OutputStream out)
            throws SQLException, IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        boolean first = true;
        try (PreparedStatement ps = conn.prepareStatement(TRACKS_SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TracePacket.Builder p = TracePacket.newBuilder()
                            .setTrustedPacketSequenceId(SEQUENCE)
                            .setTrackDescriptor(track(rs));
                    if (first) {
                        p.setSequenceFlags(SEQ_INCREMENTAL_STATE_CLEARED);
                        first = false;
                    }
                    coded.writeMessage(1, p.build());
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(EVENTS_SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    coded.writeMessage(1, TracePacket.newBuilder()
                            .setTimestamp(rs.getLong("ts"))
                            .setTrustedPacketSequenceId(SEQUENCE)
                            .setTrackEvent(event(rs)).build());
                }
            }
        }
        coded.flush();
    }

    private static TrackDescriptor track(ResultSet rs) throws SQLException {
        TrackDescriptor.Builder t = TrackDescriptor.newBuilder().setUuid(uuid(rs, "uuid"))
                .setName(rs.getString("name"));
        if (rs.getObject("parent") != null) {
            t.setParentUuid(uuid(rs, "parent"));
        }
        switch (rs.getString("kind")) {
            case "process" -> t.setProcess(ProcessDescriptor.newBuilder()
                    .setPid(rs.getInt("pid")).setProcessName(rs.getString("name")));
            case "thread" -> {
                ThreadDescriptor.Builder th = ThreadDescriptor.newBuilder()
                        .setTid(rs.getInt("tid")).setThreadName(rs.getString("name"));
                int pid = rs.getInt("pid");
                th.setPid(rs.wasNull() ? rs.getInt("tid") : pid);
                t.setThread(th);
            }
            case "counter" -> t.setCounter(CounterDescriptor.getDefaultInstance());
            default -> { }
        }
        return t.build();
    }

    private static TrackEvent event(ResultSet rs) throws SQLException {
        TrackEvent.Builder e = TrackEvent.newBuilder().setTrackUuid(uuid(rs, "track"));
        switch (rs.getInt("phase")) {
            case 0 -> e.setType(TrackEvent.Type.TYPE_SLICE_END);
            case 1 -> {
                e.setType(TrackEvent.Type.TYPE_SLICE_BEGIN).setName(rs.getString("name"));
                String notes = rs.getString("notes");
                if (notes != null) {
                    for (String line : notes.split("\n")) {
                        int tab = line.indexOf('\t');
                        e.addDebugAnnotations(DebugAnnotation.newBuilder()
                                .setName(line.substring(0, tab))
                                .setStringValue(line.substring(tab + 1)));
                    }
                }
                String flows = rs.getString("flows");
                if (flows != null) {
                    for (String id : flows.split(",")) {
                        e.addFlowIds(Long.parseLong(id));
                    }
                }
                long terminates = rs.getLong("terminates");
                if (!rs.wasNull()) {
                    e.addTerminatingFlowIds(terminates);
                }
            }
            default -> e.setType(TrackEvent.Type.TYPE_COUNTER)
                    .setCounterValue(rs.getLong("value"));
        }
        return e.build();
    }

    /** A UBIGINT column (DuckDB gives it as a BigInteger) as the uint64 bits. */
    private static long uuid(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v instanceof BigInteger b ? b.longValue() : ((Number) v).longValue();
    }
}
