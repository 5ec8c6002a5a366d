package dev.ptrace.analyze.lake;

import dev.ptrace.analyze.query.UsageException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which traces of a lake a command reads: days from {@code since} to {@code until} (each
 * included; null: open), one host, traces whose id starts so; null: all. Its SQL is a filter
 * on the partition columns only, with literals both DuckDB and Spark SQL read, so that both
 * read only the folders it names.
 */
public record LakeFilter(LocalDate since, LocalDate until, String host, String tracePrefix) {
    public static final LakeFilter ALL = new LakeFilter(null, null, null, null);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,16}");

    public LakeFilter {
        if (host != null && !host.equals(LakeLayout.hostFolder(host))) {
            throw new UsageException("--host " + host + ": a lake's host folders hold letters, "
                    + "digits, '.', '_' and '-' only");
        }
        if (tracePrefix != null && !HEX.matcher(tracePrefix).matches()) {
            throw new UsageException("--trace " + tracePrefix + ": a lake's traces are named by "
                    + "hex digits of their content hash (traces.content_hash)");
        }
        if (since != null && until != null && since.isAfter(until)) {
            throw new UsageException("--since " + since + " is after --until " + until);
        }
    }

    /** The filter as a SQL condition ({@code WHERE ...}), or "" for every trace. */
    public String where() {
        List<String> terms = new ArrayList<>();
        if (since != null) {
            terms.add("date >= DATE '" + since + "'");
        }
        if (until != null) {
            terms.add("date <= DATE '" + until + "'");
        }
        if (host != null) {
            terms.add("host = '" + host + "'");
        }
        if (tracePrefix != null) {
            terms.add("trace_id LIKE '" + tracePrefix + "%'");
        }
        return terms.isEmpty() ? "" : "WHERE " + String.join(" AND ", terms);
    }

    /** Whether the trace filed so is one of those wanted. */
    public boolean accepts(LocalDate date, String traceHost, String traceId) {
        return (since == null || !date.isBefore(since)) && (until == null || !date.isAfter(until))
                && (host == null || host.equals(traceHost))
                && (tracePrefix == null || traceId.startsWith(tracePrefix));
    }
}
