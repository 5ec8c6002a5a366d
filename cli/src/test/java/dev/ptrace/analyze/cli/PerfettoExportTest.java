package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.export.perfetto.PerfettoProto.Trace;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.TracePacket;
import dev.ptrace.analyze.export.perfetto.PerfettoProto.TrackEvent;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export --perfetto on the convoy of perf-inversion: tracks, slices, flows, the inversion. */
class PerfettoExportTest {
    @TempDir
    static Path tmp;
    private static Path file;
    private static Trace trace;

    @BeforeAll
    static void export() throws Exception {
        file = tmp.resolve("inversion.perfetto");
        Cli r = Cli.run("export", "--perfetto", file.toString(),
                TestData.trace("perf-inversion.txt.gz").toString());
        assertEquals(0, r.exit(), r.toString());
        trace = Trace.parseFrom(Files.readAllBytes(file));
    }

    /** protoc --decode with our .proto files: what a Perfetto reader sees, as text. */
    @Test
    void protocDecodesATrackPerWorkloadThreadWaitAndHoldSlicesFlowsAndTheInversion()
            throws Exception {
        Path protoc = TestData.tool("protoc");
        Path protos = TestData.dir().resolveSibling("queries")
                .resolve("src/main/protobuf/third_party/perfetto");
        Process p = new ProcessBuilder(protoc.toString(), "--decode=perfetto.protos.Trace",
                "--proto_path=" + protos, "perfetto_trace.proto")
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), text);
        for (int tid : new int[] {16371, 16373, 16374, 16375, 16376, 16377, 16378}) {
            assertTrue(text.contains("tid: " + tid + "\n      thread_name: \"wl\""),
                    "a named track for thread " + tid);
        }
        assertTrue(text.contains("name: \"wait mmap_lock (write)\""), "the writer's wait");
        assertTrue(text.contains("name: \"hold mmap_lock (read)\""), "the reader's hold");
        assertTrue(text.contains("flow_ids: ") && text.contains("terminating_flow_ids: "));
        assertTrue(text.contains(
                "name: \"priority inversion: wl 16373 (prio 139) held mmap_lock off CPU\""));
    }

    @Test
    void slicesCarryTheFiguresOfChains() {
        Map<Long, String> durations = new HashMap<>();
        for (TracePacket p : trace.getPacketList()) {
            TrackEvent e = p.getTrackEvent();
            if (e.getName().startsWith("wait mmap_lock")) {
                Map<String, String> notes = new HashMap<>();
                e.getDebugAnnotationsList().forEach(a -> notes.put(a.getName(),
                        a.getStringValue()));
                durations.put(Long.parseLong(notes.get("wait_id")), notes.get("duration_ns"));
            }
        }
        // chains: "wl 16375 waits 257.36 ms for write mmap_lock ... held by 16373"
        assertTrue(durations.containsValue("257365000") || durations.values().stream()
                .anyMatch(d -> Math.abs(Long.parseLong(d) - 257_360_000L) < 10_000),
                durations.toString());
        assertEquals(7, durations.size(), "the 7 mmap_lock waits");
    }

    /** Every slice ends on its track, inner slices before outer ones, flows end somewhere. */
    @Test
    void slicesNestOnEveryTrackAndEveryFlowTerminates() {
        Map<Long, Deque<Long>> open = new HashMap<>();
        Set<Long> flows = new HashSet<>();
        Set<Long> terminating = new HashSet<>();
        long last = 0;
        int slices = 0;
        for (TracePacket p : trace.getPacketList()) {
            if (!p.hasTrackEvent()) {
                continue;
            }
            assertTrue(p.getTimestamp() >= last, "time order");
            last = p.getTimestamp();
            TrackEvent e = p.getTrackEvent();
            Deque<Long> stack = open.computeIfAbsent(e.getTrackUuid(), t -> new ArrayDeque<>());
            switch (e.getType()) {
                case TYPE_SLICE_BEGIN -> {
                    stack.push(p.getTimestamp());
                    slices++;
                }
                case TYPE_SLICE_END -> assertTrue(stack.pop() <= p.getTimestamp());
                default -> { }
            }
            flows.addAll(e.getFlowIdsList());
            terminating.addAll(e.getTerminatingFlowIdsList());
        }
        open.values().forEach(s -> assertTrue(s.isEmpty(), "unclosed slices"));
        assertEquals(flows, terminating);
        assertTrue(slices > 1000 && !flows.isEmpty(), slices + " slices, " + flows.size()
                + " flows");
        assertTrue(List.of(trace.getPacket(0).getSequenceFlags()).contains(1));
    }
}
