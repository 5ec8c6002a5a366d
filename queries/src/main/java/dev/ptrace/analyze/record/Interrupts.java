package dev.ptrace.analyze.record;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C while recording: instead of ending this process (and the report with it), SIGINT ends
 * the recording; restored when closed, so that a Ctrl-C during the report ends it as usual.
 */
final class Interrupts implements AutoCloseable {
    private static final Signal INT = new Signal("INT");

    private final CompletableFuture<RecordingEnd> interrupted = new CompletableFuture<>();
    private final SignalHandler previous;

    private Interrupts() {
        SignalHandler old;
        try {
            old = Signal.handle(INT, sig -> interrupted.complete(RecordingEnd.INTERRUPTED));
        } catch (IllegalArgumentException e) { // SIGINT is not this JVM's (-Xrs)
            old = null;
        }
        previous = old;
    }

    /** Catches SIGINT until closed. */
    static Interrupts caught() {
        return new Interrupts();
    }

    /**
     * Waits until {@code end} completes, {@code limit} passes (null: no limit) or SIGINT comes;
     * in the latter two cases runs {@code stop} (which ends the recording). How it ended.
     */
    RecordingEnd await(CompletableFuture<?> end, Duration limit, Runnable stop) {
        CompletableFuture<RecordingEnd> first = new CompletableFuture<>();
        end.whenComplete((v, e) -> first.complete(RecordingEnd.ENDED));
        interrupted.thenAccept(first::complete);
        RecordingEnd how;
        try {
            how = limit == null ? first.get() : first.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            how = RecordingEnd.DURATION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            how = RecordingEnd.INTERRUPTED;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (how != RecordingEnd.ENDED) {
            stop.run();
        }
        return how;
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
