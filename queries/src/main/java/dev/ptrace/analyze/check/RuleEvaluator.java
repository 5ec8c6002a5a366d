package dev.ptrace.analyze.check;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.NamedParameters;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the enabled rules of a set on each trace of a database. */
public final class RuleEvaluator {
    private static final String SOURCE_SQL = TextResource.load("/sql/check/trace_source.sql");
    private static final String OUTCOME_SQL = TextResource.load("/sql/check/rule_outcome.sql");
    /** The parameter a rule is given: the trace it runs on, by name or as $1. */
    private static final String TRACE_ID = "trace_id";
    private static final String TRACE_ID_BY_NUMBER = "1";
    private static final Set<String> RULE_PARAMETERS = Set.of(TRACE_ID, TRACE_ID_BY_NUMBER);

    private RuleEvaluator() {
    }

    /**
     * The results, per trace in order, per rule in the set's order; the analysis tables
     * ({@link AnalysisTables}) hold the traces' rows already.
     */
    public static List<RuleResult> evaluate(Connection conn, List<Integer> traceIds,
                                            RuleSet rules) throws SQLException {
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
        NamedParameters rule = NamedParameters.of(r.sql());
        String query = rule.inline(Map.of(TRACE_ID, Integer.toString(trace),
                TRACE_ID_BY_NUMBER, Integer.toString(trace)));
        Set<String> unknown = rule.names();
        unknown.removeAll(RULE_PARAMETERS);
        if (!unknown.isEmpty()) {
            return error(r, trace, source, query, "unknown parameter $" + unknown.iterator()
                    .next() + ": a rule can use $" + TRACE_ID + " (or $" + TRACE_ID_BY_NUMBER
                    + ")");
        }
        List<RuleResult.Row> rows = new ArrayList<>();
        long failures = 0;
        Double worst = null;
        // on lines of its own: a rule may end with a comment
        NamedParameters outcome = NamedParameters.of(OUTCOME_SQL.replace("/*rule*/",
                "\n" + withoutTrailingSemicolon(r.sql()) + "\n"));
        try (PreparedStatement ps = outcome.prepare(conn, Map.of(TRACE_ID, trace,
                TRACE_ID_BY_NUMBER, trace, "threshold", r.threshold().value(),
                "shown", RuleResult.SHOWN));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                double w = rs.getDouble(3);
                worst = rs.wasNull() ? null : w;
                failures = rs.getLong(4);
                double v = rs.getDouble(1);
                if (!rs.wasNull()) {
                    rows.add(new RuleResult.Row(v, rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            return error(r, trace, source, query, firstLine(e.getMessage()));
        }
        return new RuleResult(r, trace, source, failures > 0 ? RuleResult.Status.FAIL
                : RuleResult.Status.PASS, List.copyOf(rows), failures, worst, query, null);
    }

    private static RuleResult error(Rule r, int trace, String source, String query,
                                    String message) {
        return new RuleResult(r, trace, source, RuleResult.Status.ERROR, List.of(), 0, null,
                query, message);
    }

    private static String firstLine(String message) {
        String m = message == null ? "SQL error" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String source(Connection conn, int trace) throws SQLException {
        String source = Query.first(conn, SOURCE_SQL, rs -> rs.getString(1), trace);
        return source != null ? source : "trace " + trace;
    }

    /** A rule's query as a subquery: without the semicolon that may end it. */
    private static String withoutTrailingSemicolon(String sql) {
        String t = sql.strip();
        return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
    }
}
