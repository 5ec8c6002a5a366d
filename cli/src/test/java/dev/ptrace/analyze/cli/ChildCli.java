package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a child JVM ({@link Main#main}, shutdown hook and all), for the faults
 * that need a process of its own: kill -9, a signal, a lock held by another process. Stdout is
 * discarded, stderr kept, stdin a pipe the test may write a trace into ({@code -}).
 */
final class ChildCli implements AutoCloseable {
    /** Far above any run here (seconds): a child this slow hangs. */
    private static final Duration BOUND = Duration.ofSeconds(90);

    private final Process process;
    private final Path stderr;
    private final long startNanos;

    /** What a child printed on stderr and how it ended; {@code millis} from start to end. */
    record Result(int exit, String err, long millis) {
    }

    private ChildCli(Process process, Path stderr, long startNanos) {
        this.process = process;
        this.stderr = stderr;
        this.startNanos = startNanos;
    }

    /** Starts {@code ptrace-analyze ARGS}; {@code dir} takes its stderr and temporary files. */
    static ChildCli start(Path dir, String... args) throws IOException {
        // the child's temporary files (DuckDB unpacks its native library there on every start,
        // and a killed JVM leaves it behind) go into the test's folder, removed after the test
        Path tmp = Files.createDirectories(dir.resolve("child-tmp"));
        List<String> cmd = new ArrayList<>();
        if (ignoresShutdownSignals()) {
            // a JVM started with SIGINT ignored (a background job of a shell without job
            // control, and every process below it) keeps ignoring it: undo that for the child
            cmd.addAll(List.of("env", "--default-signal=INT,TERM"));
        }
        // the launcher's options: a quick start, as the tool runs
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr-", ".txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        return new ChildCli(p, err, start);
    }

    /** Runs {@code ptrace-analyze ARGS} to its end. */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        try (ChildCli child = start(dir, args)) {
            child.process.getOutputStream().close();
            return child.await();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code millis} for the child to end; true when it did. */
    boolean endsWithin(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Writes to the child's stdin; returns once the pipe took it all (the child read it). */
    void write(byte[] bytes, int length) throws IOException {
        OutputStream in = process.getOutputStream();
        try {
            in.write(bytes, 0, length);
            in.flush();
        } catch (IOException e) {
            throw new IOException("the child stopped reading: " + stderrText(), e);
        }
    }

    /** Closes stdin: the end of the trace written into it. */
    void closeInput() {
        closeStdin();
    }

    /** Closes stdin and waits for the end. */
    Result endInput() throws IOException, InterruptedException {
        closeStdin();
        return await();
    }

    /** Sends a signal by name (INT, TERM) as a shell's kill does. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid()))
                .redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid() + ": " + out);
    }

    /** kill -9: no shutdown hook, no finally, the JVM gone at once. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the end (failing after {@link #BOUND}). */
    Result await() throws IOException, InterruptedException {
        if (!process.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            killNine();
            fail("the child did not end within " + BOUND + ": " + stderrText());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        closeStdin();
        return new Result(process.exitValue(), stderrText(), millis);
    }

    String stderrText() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // gone when this returns: its lock released, its files closed
        process.destroyForcibly().onExit().join();
        closeStdin();
    }

    private void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child is gone: a pipe nobody reads
        }
    }

    /** Whether this JVM ignores SIGINT or SIGTERM, as its children then would. */
    private static boolean ignoresShutdownSignals() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                long intOrTerm = 1L << (2 - 1) | 1L << (15 - 1);
                return (ignored & intOrTerm) != 0;
            }
        }
        return false;
    }
}
