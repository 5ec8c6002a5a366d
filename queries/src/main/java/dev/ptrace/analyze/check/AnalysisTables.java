package dev.ptrace.analyze.check;

import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.analysis.chains.AttributionRow;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainMemberRow;
import dev.ptrace.analyze.analysis.chains.ChainRow;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionRow;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionTableRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.FindingFigureRow;
import dev.ptrace.analyze.analysis.findings.FindingRow;
import dev.ptrace.analyze.diff.Metric;
import dev.ptrace.analyze.diff.MetricTableRow;
import dev.ptrace.analyze.store.DerivedTables;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The analyses rules and queries read besides the tables written at ingest (tables.tsv's group
 * analysis), each worked out per trace on first use and kept in the database with its record
 * in {@code derivations}, so that later commands read the rows instead of working them out
 * again. A database opened read-only keeps them as temporary copies of its tables, for the
 * command only. A {@link Unit} is one derivation: the tables it reads and fills, and how a
 * trace's rows are made from what {@code TraceAnalysis} worked out.
 */
public final class AnalysisTables {
    /** What the tables are filled from: one trace's results, each worked out at most once. */
    public interface Source {
        List<Finding> findings() throws SQLException;

        List<Inversion> inversions() throws SQLException;

        List<Chain> chains() throws SQLException;

        /** perf lock contention's rows grouped by {@code key}, with perf's defaults. */
        PerfLockContention.Result contention(ContentionKey key) throws SQLException;

        /** Where the waiting went, by the shipped cause taxonomy. */
        List<Attribution.Cell> attribution() throws SQLException;

        /** The metrics diff compares. */
        Map<String, Metric> metrics() throws SQLException;
    }

    /** What the wait chains are built from: the replay's tables. */
    private static final List<TableDef> CHAIN_INPUTS = List.of(Tables.THREADS, Tables.LOCKS,
            Tables.WAITS, Tables.HOLDS, Tables.HOLD_CAUSES, Tables.THREAD_STATES, Tables.BLAME);

    private static List<TableDef> chainInputsAnd(TableDef... more) {
        List<TableDef> all = new ArrayList<>(CHAIN_INPUTS);
        all.addAll(List.of(more));
        return all;
    }

    /** One derivation rules can read: its tables, and how a trace's rows are made. */
    public enum Unit {
        FINDINGS(chainInputsAnd(Tables.TRACES, Tables.STACK_FRAMES, Tables.SCHED_SWITCH,
                Tables.SCHED_WAKEUP, Tables.MMAP_LOCK, Tables.SYSCALLS, Tables.SAMPLES,
                Tables.BPFTRACE_MAPS), Tables.FINDINGS, Tables.FINDING_FIGURES) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                List<FindingRow> rows = new ArrayList<>();
                List<FindingFigureRow> figures = new ArrayList<>();
                for (Finding f : source.findings()) {
                    int rank = rows.size() + 1;
                    rows.add(FindingRow.of(trace, rank, f));
                    f.figures().forEach((name, value) ->
                            figures.add(new FindingFigureRow(trace, rank, name, value)));
                }
                FindingRow.ROWS.insert(conn, rows);
                FindingFigureRow.ROWS.insert(conn, figures);
            }
        },
        INVERSIONS(CHAIN_INPUTS, Tables.INVERSIONS) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                InversionRow.ROWS.insert(conn, source.inversions().stream()
                        .map(i -> InversionRow.of(trace, i)).toList());
            }
        },
        CHAINS(CHAIN_INPUTS, Tables.CHAINS, Tables.CHAIN_MEMBERS) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                List<ChainRow> rows = new ArrayList<>();
                List<ChainMemberRow> members = new ArrayList<>();
                for (Chain c : source.chains()) {
                    int id = rows.size() + 1;
                    rows.add(ChainRow.of(trace, id, c));
                    members.addAll(ChainMemberRow.of(trace, id, c));
                }
                ChainRow.ROWS.insert(conn, rows);
                ChainMemberRow.ROWS.insert(conn, members);
            }
        },
        CONTENTION(List.of(Tables.LOCK_CONTENTION, Tables.STACK_FRAMES, Tables.THREADS,
                Tables.LOCKS, Tables.WAITS, Tables.HOLDS, Tables.BLAME), Tables.CONTENTION) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                for (ContentionKey key : ContentionKey.values()) {
                    ContentionTableRow.ROWS.insert(conn,
                            ContentionTableRow.of(trace, source.contention(key)));
                }
            }
        },
        ATTRIBUTION(chainInputsAnd(Tables.STACK_FRAMES), Tables.ATTRIBUTION) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                AttributionRow.ROWS.insert(conn, AttributionRow.of(trace, source.attribution()));
            }
        },
        METRICS(chainInputsAnd(Tables.TRACES, Tables.SYSCALLS, Tables.LOCK_CONTENTION,
                Tables.STACK_FRAMES), Tables.METRICS) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                MetricTableRow.ROWS.insert(conn, MetricTableRow.of(trace, source.metrics()));
            }
        };

        private final DerivedTables declared;

        Unit(List<TableDef> inputs, TableDef... outputs) {
            this.declared = new DerivedTables(name().toLowerCase(Locale.ROOT), inputs,
                    List.of(outputs));
        }

        /** Its name in {@code derivations}, the tables it reads and the tables it fills. */
        public DerivedTables declared() {
            return declared;
        }

        /** Whether an enabled rule of {@code rules} reads one of its tables. */
        public boolean readBy(RuleSet rules) {
            return declared.outputs().stream().anyMatch(t -> rules.reads(t.name()));
        }

        /** Whether {@code sql} reads one of its tables. */
        public boolean readBy(String sql) {
            return declared.outputs().stream().anyMatch(t -> mentions(sql, t.name()));
        }

        abstract void fill(Connection conn, int trace, Source source) throws SQLException;
    }

    /**
     * Whether {@code sql} names {@code table} as a word: the tables that cost a computation are
     * filled only for the queries that may read them.
     */
    public static boolean mentions(String sql, String table) {
        return Pattern.compile("\\b" + Pattern.quote(table) + "\\b").matcher(sql).find();
    }

    private final Connection conn;
    private final boolean readOnly;
    private final Set<String> filled = new HashSet<>();
    private final Set<TableDef> shadowed = new HashSet<>();

    /** {@code readOnly}: the database cannot keep the rows (they are kept for this command). */
    public AnalysisTables(Connection conn, boolean readOnly) {
        this.conn = conn;
        this.readOnly = readOnly;
    }

    /**
     * Makes sure the trace's rows of {@code unit}'s tables are there: kept from an earlier
     * command of this version, or worked out now and kept.
     */
    public void fill(Unit unit, int trace, Source source) throws SQLException {
        if (!filled.add(unit + "/" + trace)) {
            return;
        }
        DerivedTables d = unit.declared();
        if (d.keptFor(conn, trace)) {
            return;
        }
        if (readOnly) {
            fillCopies(unit, trace, source);
            return;
        }
        boolean own = conn.getAutoCommit(); // else the caller's transaction holds it
        conn.setAutoCommit(false);
        try {
            d.forget(conn, trace);
            unit.fill(conn, trace, source);
            d.record(conn, trace);
            if (own) {
                conn.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (own) {
                conn.rollback();
            }
            throw e;
        } finally {
            conn.setAutoCommit(own);
        }
    }

    /** Fills temporary copies of the unit's tables, which hide the stored ones. */
    private void fillCopies(Unit unit, int trace, Source source) throws SQLException {
        for (TableDef t : unit.declared().outputs()) {
            if (shadowed.add(t)) {
                try (Statement st = conn.createStatement()) {
                    st.execute(t.shadowSql());
                }
            }
        }
        unit.declared().forgetRows(conn, trace);
        unit.fill(conn, trace, source);
    }
}
