package dev.ptrace.analyze.check;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainMemberRow;
import dev.ptrace.analyze.analysis.chains.ChainRow;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionRow;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.FindingFigureRow;
import dev.ptrace.analyze.analysis.findings.FindingRow;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyses rules can query besides the stored tables: {@code findings},
 * {@code finding_figures}, {@code inversions}, {@code chains} and {@code chain_members}, computed per trace and kept as temporary
 * tables of the connection (a database file is not changed), filled from what
 * {@code TraceAnalysis} worked out. docs/schema.md documents them.
 */
public final class AnalysisTables {
    private AnalysisTables() {
    }

    /** Adds a trace's findings (and their figures), creating the tables when missing. */
    public static void addFindings(Connection conn, int trace, List<Finding> findings)
            throws SQLException {
        create(conn);
        List<FindingRow> rows = new ArrayList<>();
        List<FindingFigureRow> figures = new ArrayList<>();
        for (Finding f : findings) {
            int rank = rows.size() + 1;
            rows.add(FindingRow.of(trace, rank, f));
            f.figures().forEach((name, value) ->
                    figures.add(new FindingFigureRow(trace, rank, name, value)));
        }
        FindingRow.ROWS.insert(conn, rows);
        FindingFigureRow.ROWS.insert(conn, figures);
    }

    /** Adds a trace's inversions, creating the tables when missing. */
    public static void addInversions(Connection conn, int trace, List<Inversion> inversions)
            throws SQLException {
        create(conn);
        InversionRow.ROWS.insert(conn, inversions.stream()
                .map(i -> InversionRow.of(trace, i)).toList());
    }

    /** Adds a trace's wait chains and their waits, creating the tables when missing. */
    public static void addChains(Connection conn, int trace, List<Chain> chains)
            throws SQLException {
        create(conn);
        List<ChainRow> rows = new ArrayList<>();
        List<ChainMemberRow> members = new ArrayList<>();
        for (Chain c : chains) {
            int id = rows.size() + 1;
            rows.add(ChainRow.of(trace, id, c));
            members.addAll(ChainMemberRow.of(trace, id, c));
        }
        ChainRow.ROWS.insert(conn, rows);
        ChainMemberRow.ROWS.insert(conn, members);
    }

    private static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (TableDef t : Tables.ANALYSIS_TABLES) {
                st.execute(t.createTempSql());
            }
        }
    }
}
