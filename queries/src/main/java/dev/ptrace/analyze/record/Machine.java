package dev.ptrace.analyze.record;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a recording runs on, as files: its root (where /proc and /sys are; a test gives a
 * folder of its own) and the PATH its tools are looked up on.
 */
public record Machine(Path root, String path) {
    /** This machine. */
    public static Machine local() {
        return new Machine(Path.of("/"), System.getenv().getOrDefault("PATH", ""));
    }

    /** A file of /proc, e.g. {@code sys/kernel/perf_event_paranoid}. */
    public Path proc(String file) {
        return root.resolve("proc").resolve(file);
    }

    /** tracefs where the kernel mounts it. */
    public Path tracefs() {
        return root.resolve("sys/kernel/tracing");
    }

    /** The executable {@code name} on the PATH, or null. */
    public Path executable(String name) {
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
