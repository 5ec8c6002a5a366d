package dev.ptrace.analyze.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;

/**
 * A DuckDB database holding traces: a file kept with {@code --db}, or in memory for one run.
 * Memory is capped so that large ingests spill to disk instead of growing the process.
 */
public final class Database implements AutoCloseable {
    /**
     * DuckDB's own memory cap (beyond it, it spills to disk); the JVM heap comes on top. The
     * system property ptrace-analyze.duckdb-memory overrides it (e.g. 1GB).
     */
    static final String MEMORY_LIMIT = System.getProperty("ptrace-analyze.duckdb-memory",
            "160MB");
    /** Files this process created that hold no committed trace yet. */
    private static final Set<Path> UNCOMMITTED_NEW = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final boolean created;
    private final boolean readOnly;
    private final DuckDBConnection conn;
    /** Where an in-memory database spills past its memory cap; null for a file's own. */
    private final Path spill;

    private Database(Path file, boolean created, boolean readOnly, DuckDBConnection conn,
                     Path spill) {
        this.file = file;
        this.created = created;
        this.readOnly = readOnly;
        this.conn = conn;
        this.spill = spill;
    }

    /**
     * Starts loading DuckDB's native library and driver (some 100 ms) on a thread of its own,
     * so that it overlaps reading the command line. A library that fails to load fails again,
     * with its message, where the database is opened.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("org.duckdb.DuckDBNative");
                Class.forName("org.duckdb.DuckDBDriver"); // registers itself (and JFR events)
            } catch (ClassNotFoundException | LinkageError e) {
                // reported by the open that needs it
            }
        }, "ptrace-analyze load duckdb");
        t.setDaemon(true);
        t.start();
    }

    public static Database inMemory() {
        return connect(null, false);
    }

    /** Opens (or creates) a database file. */
    public static Database open(Path file) {
        return connect(file, !Files.exists(file));
    }

    /**
     * Opens an existing database file for reading, refusing a path that is not one; read-only
     * when it cannot be written (a read-only mount, a file of another user).
     */
    public static Database openExisting(Path file) {
        return openExisting(file, false);
    }

    /** The same, read-only also when {@code readOnly} asks for it. */
    public static Database openExisting(Path file, boolean readOnly) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no database at " + file, null);
        }
        return connect(file, false, readOnly || !Files.isWritable(file) || !Files.isWritable(
                file.toAbsolutePath().getParent()) || readOnlyMount(file));
    }

    private static boolean readOnlyMount(Path file) {
        try {
            return Files.getFileStore(file).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    private static Database connect(Path file, boolean created) {
        return connect(file, created, false);
    }

    private static Database connect(Path file, boolean created, boolean readOnly) {
        String url = file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file;
        try {
            // DuckDB's settings, as the driver passes them on when it opens the database
            Properties props = new Properties();
            if (readOnly) {
                props.setProperty("duckdb.read_only", "true");
            }
            props.setProperty("memory_limit", MEMORY_LIMIT);
            Path spill = null;
            if (file == null) {
                // DuckDB's default is .tmp in the working directory: the user's, not ours
                try {
                    spill = TempFiles.folder("ptrace-analyze-");
                } catch (IOException e) {
                    throw new StoreException("cannot create a temporary directory: "
                            + e.getMessage(), e);
                }
                props.setProperty("temp_directory", spill.toString());
            }
            DuckDBConnection conn = (DuckDBConnection) DriverManager.getConnection(url, props);
            RowFunction.register(conn);
            if (file != null && !created) { // a new database gets them with its tables
                SqlConcepts.define(conn);
            }
            if (created && file != null) {
                UNCOMMITTED_NEW.add(file);
            }
            return new Database(file, created, readOnly, conn, spill);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + (file == null ? "in memory"
                    : file) + ": " + firstLine(e.getMessage()), e);
        }
    }

    public DuckDBConnection connection() {
        return conn;
    }

    /** Whether the database was opened read-only: what is worked out cannot be kept in it. */
    public boolean readOnly() {
        return readOnly;
    }

    /** The file, or null for an in-memory database. */
    public Path file() {
        return file;
    }

    /** A trace was committed: the file is the user's to keep, whatever happens next. */
    public void committed() {
        if (file != null) {
            UNCOMMITTED_NEW.remove(file);
        }
    }

    /**
     * Closes, and removes the file again when this run created it and nothing was committed
     * to it: a failed first ingest leaves no half database behind.
     */
    public void closeAndDiscardIfNew() {
        close();
        if (created && file != null && UNCOMMITTED_NEW.remove(file)) {
            remove(file);
        }
    }

    /**
     * Removes the database files this process created and committed nothing to: for a run
     * interrupted (Ctrl-C) before its first trace was stored.
     */
    public static void discardUncommittedNew() {
        for (Path file : UNCOMMITTED_NEW) {
            remove(file);
        }
        UNCOMMITTED_NEW.clear();
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
            // DuckDB's spill folder, which a stopped process leaves behind
            Path spill = Path.of(file + ".tmp");
            if (Files.isDirectory(spill)) {
                TempFiles.remove(spill);
            }
        } catch (IOException e) {
            throw new StoreException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close database: " + firstLine(e.getMessage()), e);
        } finally {
            removeSpill();
        }
    }

    private void removeSpill() {
        if (spill != null) {
            TempFiles.remove(spill);
        }
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
