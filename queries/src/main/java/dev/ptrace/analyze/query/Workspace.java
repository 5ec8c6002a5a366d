package dev.ptrace.analyze.query;

import dev.ptrace.analyze.analysis.locks.Kallsyms;
import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.read.ViaTool;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.store.Schema;
import dev.ptrace.analyze.store.StoreException;
import dev.ptrace.analyze.store.TraceIngester;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The traces analysed: files ingested into a database (in memory unless a file is given), or
 * the traces already stored in a database file. {@code TraceAnalysis} analyses them.
 */
public final class Workspace implements AutoCloseable {
    private static final String TRACE_IDS_SQL = TextResource.load("/sql/report/trace_ids.sql");
    private final Database db;
    private final List<IngestResult> ingested = new ArrayList<>();
    private LockAnalysis analysis = LockAnalysis.shipped();
    private SymbolSources symbols = SymbolSources.LOCAL;
    private List<ViaTool> via = List.of();
    private boolean derive = true;
    private boolean committed;

    private Workspace(Database db) {
        this.db = db;
    }

    /** A workspace over a database file, created when missing. */
    public static Workspace create(Path dbFile) {
        return new Workspace(dbFile == null ? Database.inMemory() : Database.open(dbFile));
    }

    /** A workspace over an existing database file. */
    public static Workspace existing(Path dbFile) {
        return existing(dbFile, false);
    }

    /**
     * The same, read-only when asked (or when the file cannot be written): the analysis tables
     * are then worked out per command and not kept.
     */
    public static Workspace existing(Path dbFile, boolean readOnly) {
        Workspace w = new Workspace(Database.openExisting(dbFile, readOnly));
        w.committed = true;
        try {
            w.connection().setAutoCommit(false);
            Schema.ensure(w.connection());
            w.connection().commit();
            w.connection().setAutoCommit(true);
        } catch (SQLException e) {
            w.db.close();
            throw new StoreException("cannot read database " + dbFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            w.db.close();
            throw e;
        }
        return w;
    }

    /** Whether the database was opened read-only: what is worked out is not kept in it. */
    public boolean readOnly() {
        return db.readOnly();
    }

    /** Whether what is worked out outlives the command: a database file that can be written. */
    public boolean keeps() {
        return db.file() != null && !db.readOnly();
    }

    /**
     * Ingests one file (or {@code -}) as a new trace, with the tables the analysis derives from
     * it, in a transaction of its own.
     */
    public IngestResult ingest(String source, boolean strict) {
        IngestResult r = new TraceIngester(db, derive ? List.of(analysis) : List.of())
                .symbols(symbols).via(via).ingest(source, strict);
        ingested.add(r);
        committed = true;
        db.committed();
        return r;
    }

    /**
     * Names global locks of the traces ingested from now on by the kernel's symbols
     * ({@link Kallsyms#read}; null: none).
     */
    public Workspace kallsyms(Kallsyms symbols) {
        analysis = symbols == null ? LockAnalysis.shipped() : LockAnalysis.withKallsyms(symbols);
        return this;
    }

    /** Where the addresses of binary captures ingested from now on are named from. */
    public Workspace symbols(SymbolSources sources) {
        this.symbols = sources;
        return this;
    }

    /**
     * Reads the captures that one of {@code tools} prints through that tool's text instead of
     * natively (--via-perf-script, --via-trace-cmd), from now on.
     */
    public Workspace via(List<ViaTool> tools) {
        this.via = List.copyOf(tools);
        return this;
    }

    /**
     * Whether ingests also derive the lock tables (locks, waits, holds, thread_states, blame,
     * hold_causes); a command that reads only the events (perf's contention by caller or
     * thread) spares that work.
     */
    public Workspace deriveLockTables(boolean derive) {
        this.derive = derive;
        return this;
    }

    public List<IngestResult> ingested() {
        return ingested;
    }

    public Connection connection() {
        return db.connection();
    }

    /** Ids of every trace stored, oldest first. */
    public List<Integer> traceIds() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement st = connection().createStatement();
             ResultSet rs = st.executeQuery(TRACE_IDS_SQL)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /**
     * The one trace a single-trace command works on: {@code wanted} if given, else the only
     * trace stored.
     *
     * @throws UsageException when that is not one trace, saying which there are
     */
    public int oneTrace(Integer wanted) throws SQLException {
        List<Integer> ids = traceIds();
        if (wanted != null) {
            if (!ids.contains(wanted)) {
                throw new UsageException("no trace " + wanted + "; the database holds "
                        + describe(ids));
            }
            return wanted;
        }
        if (ids.size() != 1) {
            throw new UsageException((ids.isEmpty() ? "no trace in the database"
                    : "the database holds " + describe(ids)) + ": choose one with --trace ID");
        }
        return ids.get(0);
    }

    private static String describe(List<Integer> ids) {
        return ids.isEmpty() ? "no trace" : "traces " + ids;
    }

    /** Closes; a database file this workspace created and never committed to is removed. */
    @Override
    public void close() {
        if (committed) {
            db.close();
        } else {
            db.closeAndDiscardIfNew();
        }
    }
}
