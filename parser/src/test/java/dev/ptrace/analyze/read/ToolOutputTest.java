package dev.ptrace.analyze.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A command's output read as trace lines; its failures one line naming the input. */
class ToolOutputTest {
    private static LineSource run(String script, AtomicInteger closed) {
        return ToolOutput.open("capture.data", List.of("sh", "-c", script), Map.of("X", "x"),
                false, "sh is not installed", closed::incrementAndGet);
    }

    @Test
    void theCommandsOutputIsReadLineByLineWithItsEnvironment() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        try (LineSource in = run("echo one; echo \"two $X\"", closed)) {
            assertEquals("one", in.next());
            assertEquals("two x", in.next());
            assertNull(in.next());
        }
        assertEquals(1, closed.get(), "what the command used is removed once");
    }

    @Test
    void aCommandThatFailsIsOneLineWithItsExitAndFirstErrorLine() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        // more output than opening looks at: the failure comes at its end
        try (LineSource in = run("seq 1 5000; echo; echo 'bad file' >&2; echo more >&2; exit 3",
                closed)) {
            assertEquals("1", in.next());
            InputException e = assertThrows(InputException.class, () -> {
                while (in.next() != null) {
                    continue;
                }
            });
            assertEquals("capture.data: 'sh -c' failed (exit 3): bad file", e.where());
        }
        // failing before any output: at opening, the command's files removed
        InputException early = assertThrows(InputException.class,
                () -> run("echo 'no such event' >&2; exit 255", closed));
        assertTrue(early.where().endsWith("failed (exit 255): no such event"), early.where());
        assertEquals(2, closed.get());
    }

    @Test
    void aToolNotInstalledIsSaidInOneLine() {
        AtomicInteger closed = new AtomicInteger();
        InputException e = assertThrows(InputException.class, () -> ToolOutput.open("x.dat",
                List.of("ptrace-analyze-no-such-tool"), Map.of(), false,
                "--via-x runs no-such-tool, which is not installed", closed::incrementAndGet));
        assertEquals("x.dat: --via-x runs no-such-tool, which is not installed", e.where());
        assertEquals(1, closed.get());
    }

    @Test
    void closingBeforeTheEndStopsTheCommand() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        LineSource in = run("echo $$; exec yes", closed);
        long pid = Long.parseLong(in.next());
        in.next();
        in.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(1, closed.get());
    }
}
