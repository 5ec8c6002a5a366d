package dev.ptrace.analyze.store;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.progress.Progress;
import dev.ptrace.analyze.read.BinaryInput;
import dev.ptrace.analyze.read.CaptureContinuity;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.Problem;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.TraceFormat;
import dev.ptrace.analyze.read.TraceInput;
import dev.ptrace.analyze.read.TraceSource;
import dev.ptrace.analyze.read.ViaTool;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import dev.ptrace.analyze.store.row.IngestProblemRow;
import dev.ptrace.analyze.store.row.TraceMetadataRow;
import dev.ptrace.analyze.store.row.TraceRow;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * Ingests one trace into a database in one transaction: the trace's rows all land, or none do
 * and the database is as it was.
 */
public final class TraceIngester {
    private static final String THREADS_SQL = TextResource.load("/sql/store/threads.sql");
    private static final String NEXT_TRACE_ID_SQL =
            TextResource.load("/sql/store/next_trace_id.sql");
    private final DuckDBConnection conn;
    private final List<TraceDerivation> derivations;
    private SymbolSources symbols = SymbolSources.LOCAL;
    private List<ViaTool> via = List.of();

    public TraceIngester(Database db) {
        this(db, List.of());
    }

    /** An ingester that also runs {@code derivations} on each trace before committing it. */
    public TraceIngester(Database db, List<TraceDerivation> derivations) {
        this.conn = db.connection();
        this.derivations = List.copyOf(derivations);
    }

    /**
     * Reads {@code source} (a path or {@code -}) into the database.
     *
     * @param strict stop at the first malformed line instead of skipping and counting it
     * @throws dev.ptrace.analyze.read.InputException for unreadable or malformed input
     */
    public IngestResult ingest(String source, boolean strict) {
        try (TraceSource in = open(source)) {
            return in instanceof BinaryInput b ? ingest(b, strict)
                    : ingest((LineSource) in, strict);
        } catch (IOException e) {
            throw new StoreException("cannot close " + source + ": " + e.getMessage(), e);
        }
    }

    /** The source through the first of the tools asked for that prints it, else as it is. */
    private TraceSource open(String source) {
        for (ViaTool tool : via) {
            TraceSource text = tool.open(source, symbols);
            if (text != null) {
                return text;
            }
        }
        return TraceInput.openAny(source);
    }

    public IngestResult ingest(LineSource in, boolean strict) {
        TraceFormat format = TraceFormat.detect(in.name(), in.peek(TraceFormat.SNIFF_LINES));
        ProblemLog problems = new ProblemLog(in.name(), strict, format);
        in.reportTo(problems);
        return store(in.name(), format.displayName(), problems, sink -> {
            CaptureContinuity read = new CaptureContinuity(sink, in);
            format.newReader().read(in, read, problems);
            return new Reading(in.lineNumber(), 0, read.eventsOutOfOrder());
        });
    }

    /** Reads a binary capture (perf.data, trace.dat), its addresses named from {@code symbols}. */
    public IngestResult ingest(BinaryInput in, boolean strict) {
        ProblemLog problems = ProblemLog.forBinary(in.name(), strict);
        return store(in.name(), in.format().displayName(), problems, sink -> {
            long records = in.format().newReader(symbols).read(in, sink, problems);
            return new Reading(0, records, 0);
        });
    }

    /** What a reader read: lines of text, records of a binary capture, events out of order. */
    private record Reading(long lines, long records, long outOfOrder) {
    }

    /** Runs a reader into the database in one transaction, then the trace's other rows. */
    private IngestResult store(String name, String formatName, ProblemLog problems,
                               Function<EventSink, Reading> reader) {
        List<TraceDerivation.Watcher> watchedBy = new ArrayList<>();
        derivations.forEach(d -> watchedBy.add(d.watcher()));
        List<TraceDerivation.Watcher> watchers = watchedBy.stream()
                .filter(java.util.Objects::nonNull).toList();
        boolean autoCommit = autoCommit();
        try {
            conn.setAutoCommit(false);
            Schema.ensure(conn);
            int traceId = nextTraceId();
            DuckDbSink[] sink = new DuckDbSink[1];
            // the writer thread inserts the events a batch at a time while this one parses
            Reading reading = BulkRows.onOneThread(conn, () -> {
                try (PipelinedSink<EventTee> pipe = new PipelinedSink<>("ptrace-analyze writer",
                        () -> new EventTee(sink[0] = new DuckDbSink(conn, traceId), watchers))) {
                    Reading read = reader.apply(pipe);
                    Progress.stageBegins("storing the events");
                    pipe.finish();
                    return read;
                }
            });
            Map<String, String> metadata = sink[0].metadata();
            IngestResult result = new IngestResult(traceId, name, formatName, reading.lines(),
                    reading.records(), sink[0].events(), sink[0].stacks(),
                    problems.skippedLines(), problems.counts(), problems.examples());
            writeTraceRow(result, sink[0], CaptureIdentity.of(name));
            writeMetadata(traceId, metadata);
            writeStats(result, metadata, reading.outOfOrder(), sink[0].untimedEvents());
            writeProblems(traceId, problems.examples());
            Query.update(conn, THREADS_SQL, traceId);
            // the derived tables replay the events in time order: without times there is none
            for (int i = 0; i < derivations.size() && sink[0].untimedEvents() == 0; i++) {
                derivations.get(i).derive(conn, traceId, watchedBy.get(i));
                derivations.get(i).declared().record(conn, traceId);
            }
            conn.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot write to the database: "
                    + Database.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } finally {
            watchedBy.forEach(w -> {
                if (w != null) {
                    w.close();
                }
            });
            restoreAutoCommit(autoCommit);
        }
    }

    /** Where the addresses of binary captures ingested from now on are named from. */
    public TraceIngester symbols(SymbolSources sources) {
        this.symbols = sources;
        return this;
    }

    /**
     * The tools whose text of a capture is read instead of the capture itself, from now on
     * (perf script for perf.data, trace-cmd report for trace.dat); other inputs as usual.
     */
    public TraceIngester via(List<ViaTool> tools) {
        this.via = List.copyOf(tools);
        return this;
    }

    private int nextTraceId() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(NEXT_TRACE_ID_SQL)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void writeTraceRow(IngestResult r, DuckDbSink sink, CaptureIdentity identity)
            throws SQLException {
        Map<String, String> md = sink.metadata();
        String lost = md.get(TraceFacts.LOST_EVENTS);
        TraceRow.ROWS.insert(conn, new TraceRow(r.traceId(), r.source(), r.format(),
                Instant.now(), ToolVersion.current(), md.get(TraceFacts.OS_RELEASE),
                md.get(TraceFacts.HOSTNAME),
                integer(md.getOrDefault(TraceFacts.NRCPUS, md.get("nrcpus avail"))),
                md.get(TraceFacts.CMDLINE), sink.firstTs(), sink.lastTs(),
                precision(md.get(TraceFacts.TIMESTAMP_DIGITS)), r.lines(), r.events(),
                r.stacks(), r.skippedLines(), lost == null ? null : Long.valueOf(lost),
                identity.capturedAt(md), identity.contentHash()));
    }

    private void writeMetadata(int traceId, Map<String, String> metadata) throws SQLException {
        TraceMetadataRow.ROWS.insert(conn, metadata.entrySet().stream()
                .map(e -> new TraceMetadataRow(traceId, e.getKey(), e.getValue())).toList());
    }

    private void writeStats(IngestResult r, Map<String, String> metadata, long outOfOrder,
                            long untimed) throws SQLException {
        String lostEvents = metadata.get(TraceFacts.LOST_EVENTS);
        String binaryOutOfOrder = metadata.get(TraceFacts.EVENTS_OUT_OF_ORDER);
        if (binaryOutOfOrder != null) {
            outOfOrder += Long.parseLong(binaryOutOfOrder);
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("lines", r.lines());
        if (r.records() > 0) {
            stats.put("records", r.records());
        }
        String notDecoded = metadata.get(TraceFacts.RECORDS_NOT_DECODED);
        if (notDecoded != null) {
            stats.put("records_not_decoded", countSum(notDecoded));
        }
        stats.put("events", r.events());
        stats.put("stacks", r.stacks());
        stats.put("skipped_lines", r.skippedLines());
        r.skippedByReason().forEach((reason, n) -> stats.put("skipped." + reason.id(), n));
        if (lostEvents != null) {
            stats.put("lost_events", Long.parseLong(lostEvents));
        }
        if (outOfOrder > 0) {
            stats.put("events_out_of_order", outOfOrder);
        }
        if (untimed > 0) {
            stats.put("events_without_time", untimed);
        }
        StatCounters.write(conn, r.traceId(), stats);
    }

    private void writeProblems(int traceId, List<Problem> examples) throws SQLException {
        IngestProblemRow.ROWS.insert(conn, examples.stream().map(p -> new IngestProblemRow(
                traceId, p.line(), p.reason(), p.message(), p.text())).toList());
    }

    /** The sum of the counts of {@code TYPE n, TYPE n} (the records metadata). */
    private static long countSum(String counts) {
        long sum = 0;
        for (String part : counts.split(", ")) {
            sum += Long.parseLong(part.substring(part.lastIndexOf(' ') + 1));
        }
        return sum;
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long precision(String digits) {
        if (digits == null) {
            return null;
        }
        long p = 1;
        for (int d = Integer.parseInt(digits); d < 9; d++) {
            p *= 10;
        }
        return p;
    }

    private boolean autoCommit() {
        try {
            return conn.getAutoCommit();
        } catch (SQLException e) {
            throw new StoreException("database connection is closed", e);
        }
    }

    private void rollback() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the user needs to see
        }
    }

    private void restoreAutoCommit(boolean autoCommit) {
        try {
            conn.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // nothing to restore on a closed connection
        }
    }
}
