package dev.ptrace.analyze.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A machine made of files for the recorder's tests: /proc (who runs this, perf_event_paranoid,
 * kallsyms), tracefs with the tracepoints asked for, and a PATH that holds only the tools put
 * on it.
 */
final class FakeMachine {
    final Path root;
    final Path bin;

    FakeMachine(Path root) {
        this.root = root;
        this.bin = root.resolve("bin");
        write("bin/.keep", "");
        write("proc/kallsyms", "ffffffff81000000 T _text\nffffffff81001000 T do_one\n");
        user(0);
    }

    Machine machine() {
        return new Machine(root, bin.toString());
    }

    FakeMachine user(int uid) {
        write("proc/self/status", "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t"
                + uid + "\n");
        return this;
    }

    FakeMachine paranoid(int level) {
        write("proc/sys/kernel/perf_event_paranoid", level + "\n");
        return this;
    }

    /** tracefs with these tracepoints, and the files the tracefs recorder writes. */
    FakeMachine tracefs(String... tracepoints) {
        for (String t : tracepoints) {
            write("sys/kernel/tracing/events/" + t.replace(':', '/') + "/format", "");
        }
        write("sys/kernel/tracing/events/.keep", "");
        for (String f : new String[] {"tracing_on", "trace", "set_event",
            "options/record-tgid", "options/userstacktrace"}) {
            write("sys/kernel/tracing/" + f, "");
        }
        write("sys/kernel/tracing/buffer_size_kb", "7 (expanded: 1408)\n");
        return this;
    }

    /** Every tracepoint record-events.tsv asks for. */
    FakeMachine allTracepoints() {
        return tracefs(RecordEvent.shipped().stream().filter(RecordEvent::tracepoint)
                .map(RecordEvent::event).toArray(String[]::new));
    }

    /** An executable {@code name} on the PATH running {@code script} (sh). */
    FakeMachine tool(String name, String script) {
        Path p = write("bin/" + name, "#!/bin/sh\n" + script);
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    Path write(String relative, String text) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
