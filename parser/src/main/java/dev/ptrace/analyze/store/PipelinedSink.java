package dev.ptrace.analyze.store;

import dev.ptrace.analyze.event.EventHandler;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.SinkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Runs a sink on a thread of its own, so that parsing and writing to the database use both
 * cores. Events travel in batches through a small bounded queue (memory stays flat); the
 * writer thread creates, feeds and closes the target, and its failure surfaces in the reading
 * thread at the next event or at {@link #finish()}.
 */
public final class PipelinedSink<S extends PipelinedSink.Target>
        implements EventSink, AutoCloseable {
    private static final int BATCH = 1024;
    private static final int BATCHES_IN_FLIGHT = 4;
    private static final List<SinkItem> END = List.of();

    /** What the writer thread feeds: a sink that is closed (flushed) when the input ends. */
    public interface Target extends EventSink {
        void close();
    }

    private record StackItem(long id, List<Frame> frames) implements SinkItem {
        @Override
        public void sendTo(EventHandler handler) {
            handler.stack(id, frames);
        }
    }

    private record MetadataItem(String key, String value) implements SinkItem {
        @Override
        public void sendTo(EventHandler handler) {
            handler.metadata(key, value);
        }
    }

    private final BlockingQueue<List<SinkItem>> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    private final Thread writer;
    private List<SinkItem> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    private volatile S target;
    private boolean ended;

    public PipelinedSink(String name, Supplier<S> targetFactory) {
        writer = new Thread(() -> write(targetFactory), name);
        writer.setDaemon(true);
        writer.start();
    }

    private void write(Supplier<S> targetFactory) {
        boolean draining = false;
        try {
            target = targetFactory.get();
        } catch (Throwable t) {
            failure = t;
            draining = true;
        }
        try {
            while (true) {
                List<SinkItem> items = queue.take();
                if (items == END) {
                    break;
                }
                if (!draining) {
                    try {
                        deliver(items);
                    } catch (Throwable t) {
                        failure = t;
                        draining = true;
                    }
                }
            }
        } catch (InterruptedException e) {
            failure = e;
        } finally {
            closeTarget();
        }
    }

    private void deliver(List<SinkItem> items) {
        S t = target;
        for (SinkItem item : items) {
            t.item(item);
        }
    }

    private void closeTarget() {
        if (target == null) {
            return;
        }
        try {
            target.close();
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    @Override
    public void item(SinkItem item) {
        if (failure != null) {
            throw rethrow(failure);
        }
        batch.add(item);
        if (batch.size() == BATCH) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void hand(List<SinkItem> items) {
        try {
            queue.put(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing to the database", e);
        }
    }

    /** Sends what is left, waits for the writer, and rethrows its failure; then the target. */
    public S finish() {
        end();
        if (failure != null) {
            throw rethrow(failure);
        }
        return target;
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (!batch.isEmpty()) {
            hand(batch);
        }
        hand(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing to the database", e);
        }
    }

    /** Stops the writer without reporting its failure: for the path where reading failed. */
    @Override
    public void close() {
        end();
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new StoreException("cannot write to the database: " + t.getMessage(), t);
    }

    @Override
    public void stack(long stackId, List<Frame> frames) {
        item(new StackItem(stackId, frames));
    }

    @Override
    public void metadata(String key, String value) {
        item(new MetadataItem(key, value));
    }
}
