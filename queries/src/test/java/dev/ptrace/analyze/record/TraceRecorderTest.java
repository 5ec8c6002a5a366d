package dev.ptrace.analyze.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.read.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording from start to end on machines made of files: with a stand-in perf that behaves
 * as perf record does (runs the command after --, writes the -o file, says so last, stops on
 * SIGTERM), and through a tracefs of plain files.
 */
class TraceRecorderTest {
    /**
     * perf record as far as the recorder sees it (on SIGTERM it ends the command, as perf does);
     * its arguments kept in ARGS beside it.
     */
    private static final String PERF = """
            echo "$@" > "$(dirname "$0")/ARGS"
            while [ $# -gt 0 ] && [ "$1" != "--" ]; do
              [ "$1" = "-o" ] && out=$2
              shift
            done
            : > "$out"
            trap 'kill $child; echo "[ perf record: Captured and wrote 0.001 MB $out ]" >&2; exit 143' TERM
            if [ $# -gt 0 ]; then shift; "$@" & else sleep 60 & fi
            child=$!
            wait $child; rc=$?
            echo "[ perf record: Captured and wrote 0.001 MB $out ]" >&2
            exit $rc
            """;

    @TempDir Path tmp;
    private final StringWriter err = new StringWriter();

    private Recording record(FakeMachine m, List<String> command, Duration duration) {
        return TraceRecorder.record(new RecordRequest(command, null, duration,
                tmp.resolve("rec")), m.machine(), new PrintWriter(err, true));
    }

    @Test
    void aFailingCommandIsSaidAndWhatWasRecordedKeptWithTheKernelsSymbols() throws IOException {
        FakeMachine m = new FakeMachine(tmp.resolve("m")).allTracepoints().tool("perf", PERF);
        Recording r = record(m, List.of("sh", "-c", "echo working; exit 3"), null);
        assertEquals(tmp.resolve("rec/perf.data"), r.capture());
        assertTrue(Files.exists(r.capture()));
        assertEquals(Files.readString(m.path("proc/kallsyms")), Files.readString(r.kallsyms()));
        assertEquals(RecordingEnd.ENDED, r.ending());
        assertEquals(3, r.exit());
        assertNull(r.pid(), "perf records only the command");
        assertTrue(err.toString().contains("working\n"), "the command's output: " + err);
        assertTrue(err.toString().contains("ptrace-analyze: sh -c echo working; exit 3 exited "
                + "with 3; the report shows what was recorded"), err.toString());
        assertTrue(Files.readString(m.path("bin/ARGS")).startsWith("record -g -e "
                + "lock:contention_begin "));
        // the folder holds a recording now: not written over
        UsageException again = assertThrows(UsageException.class, () -> record(m,
                List.of("true"), null));
        assertEquals(tmp.resolve("rec") + " holds a recording already (perf.data): give "
                + "another folder with -o DIR", again.getMessage());
    }

    @Test
    void theDurationStopsPerfAsCtrlCDoesAndTheCaptureIsKept() {
        FakeMachine m = new FakeMachine(tmp.resolve("m")).allTracepoints().tool("perf", PERF);
        long start = System.nanoTime();
        Recording r = record(m, List.of("sleep", "30"), Duration.ofMillis(500));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "stopped after --duration");
        assertEquals(RecordingEnd.DURATION, r.ending());
        assertNull(r.exit(), "a command stopped has no exit status of its own");
        assertTrue(err.toString().contains("stopped sleep 30 after --duration"), err.toString());
    }

    @Test
    void perfFailingIsOneLineWithItsFirstErrorLine() {
        FakeMachine m = new FakeMachine(tmp.resolve("m")).allTracepoints()
                .tool("perf", "echo \"event syntax error: 'x'\" >&2; echo '  usage' >&2; "
                        + "exit 129");
        InputException e = assertThrows(InputException.class, () -> record(m, List.of("true"),
                null));
        assertEquals(tmp.resolve("rec/perf.data") + ": perf record failed (exit 129): event "
                + "syntax error: 'x'", e.where());
    }

    @Test
    void kernelSymbolsWithoutAddressesAreNotKept() {
        FakeMachine m = new FakeMachine(tmp.resolve("m")).allTracepoints().tool("perf", PERF);
        m.write("proc/kallsyms", "0000000000000000 T _text\n");
        Recording r = record(m, List.of("true"), null);
        assertNull(r.kallsyms());
        assertTrue(err.toString().contains("shows no addresses (run as root): no copy kept"),
                err.toString());
    }

    @Test
    void withoutPerfTracefsRecordsTheCommandsProcessAndIsPutBackAfterwards()
            throws IOException {
        FakeMachine m = new FakeMachine(tmp.resolve("m")).allTracepoints();
        Path t = m.path("sys/kernel/tracing");
        // the command plays the kernel: it sees the settings and writes the trace
        String script = "cp " + t + "/set_event " + tmp + "/events-while; for f in tracing_on "
                + "options/record-tgid options/userstacktrace buffer_size_kb; do cat " + t
                + "/$f; echo; done > " + tmp + "/settings-while; echo '  wl-7 (   7) [000] ..... 1.000000: sched_switch' >> "
                + t + "/trace";
        Recording r = record(m, List.of("sh", "-c", script), null);
        assertEquals(tmp.resolve("rec/trace.txt"), r.capture());
        assertEquals("  wl-7 (   7) [000] ..... 1.000000: sched_switch\n",
                Files.readString(r.capture()));
        assertTrue(r.pid() != null && r.pid() > 0, "the report is about the command's process");
        assertEquals(0, r.exit());
        List<String> enabled = Files.readAllLines(tmp.resolve("events-while"));
        assertEquals(RecordEvent.shipped().stream().filter(RecordEvent::tracepoint)
                .map(RecordEvent::event).toList(), enabled);
        assertEquals(List.of("1", "1", "1", Integer.toString(TracefsRecorder.BUFFER_KB)),
                Files.readAllLines(tmp.resolve("settings-while")));
        assertEquals("0", Files.readString(t.resolve("tracing_on")));
        assertEquals("", Files.readString(t.resolve("set_event")));
        assertEquals("", Files.readString(t.resolve("trace")));
        assertEquals("0", Files.readString(t.resolve("options/record-tgid")));
        assertEquals("0", Files.readString(t.resolve("options/userstacktrace")));
        assertEquals("1408", Files.readString(t.resolve("buffer_size_kb")));
        assertTrue(err.toString().contains("through tracefs into " + tmp.resolve("rec")),
                err.toString());
        assertTrue(err.toString().contains("with: ptrace-analyze " + r.capture() + " --kallsyms "
                + r.kallsyms() + " --pid " + r.pid()), err.toString());
    }

    @Test
    void aTracefsWithoutUserStackTracesRecordsWithoutThemAndSaysSo() throws IOException {
        FakeMachine m = new FakeMachine(tmp.resolve("m")).allTracepoints();
        Path option = m.path("sys/kernel/tracing/options/userstacktrace");
        Files.delete(option);
        Recording r = record(m, List.of("true"), null);
        assertEquals(0, r.exit());
        assertTrue(Files.notExists(option), "no option made up");
        assertTrue(err.toString().contains("warning: perf is not on the PATH: recording through "
                + "tracefs, system-wide and without callchains (Debian"), err.toString());
    }
}
