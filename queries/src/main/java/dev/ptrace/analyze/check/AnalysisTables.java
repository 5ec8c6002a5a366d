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
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The analyses rules can query besides the stored tables (tables.tsv's group analysis),
 * computed per trace and kept as temporary tables of the connection (a database file is not
 * changed), each filled once per trace from what {@code TraceAnalysis} worked out. A
 * {@link Unit} is one derivation: the tables it fills, from which of the trace's results.
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
    }

    /** One derivation rules can read: its tables, and how a trace's rows are made. */
    public enum Unit {
        FINDINGS(Tables.FINDINGS, Tables.FINDING_FIGURES) {
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
        INVERSIONS(Tables.INVERSIONS) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                InversionRow.ROWS.insert(conn, source.inversions().stream()
                        .map(i -> InversionRow.of(trace, i)).toList());
            }
        },
        CHAINS(Tables.CHAINS, Tables.CHAIN_MEMBERS) {
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
        CONTENTION(Tables.CONTENTION) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                for (ContentionKey key : ContentionKey.values()) {
                    ContentionTableRow.ROWS.insert(conn,
                            ContentionTableRow.of(trace, source.contention(key)));
                }
            }
        },
        ATTRIBUTION(Tables.ATTRIBUTION) {
            @Override
            void fill(Connection conn, int trace, Source source) throws SQLException {
                AttributionRow.ROWS.insert(conn, AttributionRow.of(trace, source.attribution()));
            }
        };

        private final List<TableDef> tables;

        Unit(TableDef... tables) {
            this.tables = List.of(tables);
        }

        /** Whether an enabled rule of {@code rules} reads one of its tables. */
        public boolean readBy(RuleSet rules) {
            return tables.stream().anyMatch(t -> rules.reads(t.name()));
        }

        /** Whether {@code sql} reads one of its tables. */
        public boolean readBy(String sql) {
            return tables.stream().anyMatch(t -> mentions(sql, t.name()));
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
    private final Set<String> filled = new HashSet<>();
    private boolean created;

    public AnalysisTables(Connection conn) {
        this.conn = conn;
    }

    /** Adds the trace's rows of {@code unit}'s tables, unless they are there already. */
    public void fill(Unit unit, int trace, Source source) throws SQLException {
        if (!created) {
            try (Statement st = conn.createStatement()) {
                for (TableDef t : Tables.ANALYSIS_TABLES) {
                    st.execute(t.createTempSql());
                }
            }
            created = true;
        }
        if (filled.add(unit + "/" + trace)) {
            unit.fill(conn, trace, source);
        }
    }
}
