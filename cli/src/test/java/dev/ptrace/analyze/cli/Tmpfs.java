package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for one test: a disk that fills up, a filesystem made read-only (root
 * ignores file modes, so only a read-only mount refuses root a write). Needs root and mount;
 * unmounted on {@link #close}.
 */
final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (e.g. 24m) on {@code dir}, created when missing. */
    static Tmpfs mount(Path dir, String size) throws IOException {
        require(isRoot(), "mounting a tmpfs needs root");
        Files.createDirectories(dir);
        String failed = command("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs",
                dir.toString());
        require(failed == null, "cannot mount a tmpfs on " + dir + ": " + failed);
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    void remountReadOnly() {
        String failed = command("mount", "-o", "remount,ro", dir.toString());
        if (failed != null) {
            fail("cannot remount " + dir + " read-only (a file still open for writing?): "
                    + failed);
        }
    }

    @Override
    public void close() {
        String failed = command("umount", dir.toString());
        if (failed != null) {
            // detach it all the same, so that no mount outlives the test
            command("umount", "-l", dir.toString());
            fail("cannot unmount " + dir + " (a file left open?): " + failed);
        }
    }

    /**
     * What the machine must provide: without it the test is skipped, saying why, or fails when
     * CI=true (CI runs as root, with mount and tmpfs).
     */
    static void require(boolean present, String why) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (CI=true: the CI machine must run the tests as root with mount)");
        }
        Assumptions.abort(why);
    }

    private static boolean isRoot() throws IOException {
        // /proc/self belongs to the process's effective user
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** Runs a command; null when it succeeds, else what it printed. */
    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            return exit == 0 ? null : "exit " + exit + ": " + out.strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
