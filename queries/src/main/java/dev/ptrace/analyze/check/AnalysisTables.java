package dev.ptrace.analyze.check;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.chains.TraceChains;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.Findings;
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
 * tables of the connection (a database file is not changed). docs/schema.md documents them.
 */
public final class AnalysisTables {
    private AnalysisTables() {
    }

    /** Creates the tables (empty) when missing, then adds the traces' rows. */
    public static void add(Connection conn, List<Integer> traceIds) throws SQLException {
        add(conn, traceIds, true);
    }

    /** Only the inversions (what a timeline marks), without running the finding models. */
    public static void addInversions(Connection conn, List<Integer> traceIds)
            throws SQLException {
        add(conn, traceIds, false);
    }

    private static void add(Connection conn, List<Integer> traceIds, boolean withFindings)
            throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (TableDef t : Tables.ANALYSIS_TABLES) {
                st.execute(t.createTempSql());
            }
        }
        try (PreparedStatement f = conn.prepareStatement(Tables.FINDINGS.insertSql());
             PreparedStatement fig = conn.prepareStatement(Tables.FINDING_FIGURES.insertSql());
             PreparedStatement inv = conn.prepareStatement(Tables.INVERSIONS.insertSql())) {
            for (int trace : traceIds) {
                TraceChains chains = new TraceChains(conn, trace);
                if (withFindings) {
                    findings(chains, f, fig);
                }
                for (Inversion i : InversionFinder.find(chains)) {
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
            }
            f.executeBatch();
            fig.executeBatch();
            inv.executeBatch();
        }
    }

    private static void findings(TraceChains chains, PreparedStatement f, PreparedStatement fig)
            throws SQLException {
        int trace = chains.traceId();
        int rank = 1;
        for (Finding x : Findings.of(chains)) {
            f.setInt(1, trace);
            f.setInt(2, rank);
            f.setString(3, x.scenario());
            f.setString(4, x.title());
            f.setLong(5, x.savedNs());
            f.setString(6, x.lock());
            f.setString(7, x.recommendations().isEmpty() ? null : x.recommendations().get(0));
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
    }
}
