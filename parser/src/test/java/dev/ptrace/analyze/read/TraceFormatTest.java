package dev.ptrace.analyze.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each format recognised from its first lines (real first lines of each kind of capture). */
class TraceFormatTest {
    private static TraceFormat detect(String... lines) {
        return TraceFormat.detect("t", List.of(lines));
    }

    @Test
    void perfScriptWithAndWithoutHeader() {
        assertEquals(TraceFormat.PERF_SCRIPT, detect("wl 16371 [000]  9970.176000:    "
                + "mmap_lock:mmap_lock_start_locking: mm=0xffff88810006d780 memcg_id=5051 write=true"));
        assertEquals(TraceFormat.PERF_SCRIPT, detect("# ========", "# captured on    : Sun Nov 22",
                "# ========", "#", "wl 16383 [000]  9973.151271: sched:sched_switch: x ==> y"));
    }

    @Test
    void tracefsTraceFileAndTracePipe() {
        assertEquals(TraceFormat.FTRACE, detect("# tracer: nop", "#",
                "# entries-in-buffer/entries-written: 605/605   #P:2"));
        // trace_pipe has no header
        assertEquals(TraceFormat.FTRACE, detect("          <idle>-0       [001] d..2.   238.98: "
                + "sched_switch: prev_comm=swapper/1 prev_pid=0"));
    }

    @Test
    void traceCmdReport() {
        assertEquals(TraceFormat.TRACE_CMD, detect("cpus=2", "            bash-9644  [000]  "
                + "1972.314396: mmap_lock_start_locking: mm=0xffff888100073e80"));
    }

    @Test
    void bpftraceTextByItsBannerMessagesOrMaps() {
        assertEquals(TraceFormat.BPFTRACE, detect("Attaching 12 probes...",
                "wl 23079/23080 [001] 9982.766416048: lock:contention_end: 0x1 (ret=0)"));
        assertEquals(TraceFormat.BPFTRACE, detect("ERROR: Unknown error -1: couldn't set "
                + "RLIMIT_MEMLOCK for bpftrace. If your program is not loading, you can try",
                "9982766416048 23079 23080 wl lock=0xffff888117dc2498 flags=1 wait_ns=4028"));
        assertEquals(TraceFormat.BPFTRACE, detect("Tracing lock contention for ptrace-analyze "
                + "(scripts/bpftrace/locks.bt)... Hit Ctrl-C to end."));
        assertEquals(TraceFormat.BPFTRACE, detect("", "@by_flags[1]: 420"));
    }

    @Test
    void bpftraceJson() {
        assertEquals(TraceFormat.BPFTRACE_JSON, detect("{\"type\": \"attached_probes\", "
                + "\"data\": {\"probes\": 1}}"));
    }

    @Test
    void unknownContentNamesEveryFormatItWouldHaveRead() {
        InputException e = assertThrows(InputException.class, () -> detect("hello world"));
        for (TraceFormat f : TraceFormat.values()) {
            assertTrue(e.getMessage().contains(f.displayName()), f + ": " + e.getMessage());
        }
    }
}
