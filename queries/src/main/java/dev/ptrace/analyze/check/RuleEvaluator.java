package dev.ptrace.analyze.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs the enabled rules of a set on each trace of a database. */
public final class RuleEvaluator {
    private RuleEvaluator() {
    }

    /** The results, per trace in order, per rule in the set's order. */
    public static List<RuleResult> evaluate(Connection conn, List<Integer> traceIds,
                                            RuleSet rules) throws SQLException {
        AnalysisTables.add(conn, traceIds);
        List<RuleResult> out = new ArrayList<>();
        for (int trace : traceIds) {
            String source = source(conn, trace);
            for (Rule r : rules.rules()) {
                if (r.enabled()) {
                    out.add(evaluate(conn, trace, source, r));
                }
            }
        }
        return out;
    }

    private static RuleResult evaluate(Connection conn, int trace, String source, Rule r) {
        String query = r.sql().replace("$1", Integer.toString(trace));
        List<RuleResult.Row> rows = new ArrayList<>();
        long failures = 0;
        Double worst = null;
        try (PreparedStatement ps = conn.prepareStatement(r.sql())) {
            ps.setInt(1, trace);
            try (ResultSet rs = ps.executeQuery()) {
                int value = rs.findColumn("value");
                int evidence = rs.findColumn("evidence");
                while (rs.next()) {
                    double v = rs.getDouble(value);
                    if (rs.wasNull()) {
                        continue;
                    }
                    worst = worst == null ? v : Math.max(worst, v);
                    if (v > r.threshold().value()) {
                        failures++;
                        rows.add(new RuleResult.Row(v, rs.getString(evidence)));
                    }
                }
            }
        } catch (SQLException e) {
            return new RuleResult(r, trace, source, RuleResult.Status.ERROR, List.of(), 0, null,
                    query, firstLine(e.getMessage()));
        }
        rows.sort((a, b) -> Double.compare(b.value(), a.value()));
        return new RuleResult(r, trace, source, failures > 0 ? RuleResult.Status.FAIL
                : RuleResult.Status.PASS, List.copyOf(rows.subList(0, Math.min(
                RuleResult.SHOWN, rows.size()))), failures, worst, query, null);
    }

    private static String firstLine(String message) {
        String m = message == null ? "SQL error" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String source(Connection conn, int trace) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT source FROM traces WHERE trace_id = ?")) {
            ps.setInt(1, trace);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "trace " + trace;
            }
        }
    }
}
