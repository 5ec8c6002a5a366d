package dev.ptrace.analyze.check;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The analyses rules can query besides the stored tables: {@code findings},
 * {@code finding_figures} and {@code inversions}, computed per trace and kept as temporary
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
        try (PreparedStatement f = conn.prepareStatement(Tables.FINDINGS.insertSql());
             PreparedStatement fig = conn.prepareStatement(Tables.FINDING_FIGURES.insertSql())) {
            int rank = 1;
            for (Finding x : findings) {
                f.setInt(1, trace);
                f.setInt(2, rank);
                f.setString(3, x.scenario());
                f.setString(4, x.title());
                f.setLong(5, x.savedNs());
                f.setString(6, x.lock());
                f.setString(7, x.recommendations().isEmpty() ? null
                        : x.recommendations().get(0));
                f.setString(8, x.query());
                f.addBatch();
                for (Map.Entry<String, Long> e : x.figures().entrySet()) {
                    fig.setInt(1, trace);
                    fig.setInt(2, rank);
                    fig.setString(3, e.getKey());
                    fig.setLong(4, e.getValue());
                    fig.addBatch();
                }
                rank++;
            }
            f.executeBatch();
            fig.executeBatch();
        }
    }

    /** Adds a trace's inversions, creating the tables when missing. */
    public static void addInversions(Connection conn, int trace, List<Inversion> inversions)
            throws SQLException {
        create(conn);
        try (PreparedStatement inv = conn.prepareStatement(Tables.INVERSIONS.insertSql())) {
            for (Inversion i : inversions) {
                Chain c = i.chain();
                inv.setInt(1, trace);
                inv.setInt(2, c.tid());
                inv.setString(3, c.comm());
                inv.setObject(4, c.prio());
                inv.setLong(5, c.lockId());
                inv.setString(6, c.lockName() != null ? c.lockName() : c.lockAddr());
                inv.setLong(7, c.begin());
                inv.setLong(8, c.end());
                inv.setLong(9, i.lostNs());
                inv.setInt(10, i.waiters().size());
                inv.addBatch();
            }
            inv.executeBatch();
        }
    }

    private static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (TableDef t : Tables.ANALYSIS_TABLES) {
                st.execute(t.createTempSql());
            }
        }
    }
}
