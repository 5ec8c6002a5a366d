package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.query.JsonRowWriter;
import dev.ptrace.analyze.query.RowWriter;
import dev.ptrace.analyze.query.CsvRowWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/** Prints lock contention figures as perf's text table, as CSV, or as JSON. */
public final class ContentionPrinter {
    /** Output formats of the contention command. */
    public enum Format { TEXT, CSV, JSON }

    public static final List<String> CSV_BY_CALLER = List.of("contended", "total_wait_ns",
            "max_wait_ns", "avg_wait_ns", "type", "caller");
    public static final List<String> CSV_BY_THREAD = List.of("contended", "total_wait_ns",
            "max_wait_ns", "avg_wait_ns", "tid", "comm");

    private ContentionPrinter() {
    }

    public static void print(PerfLockContention.Result r, Format format, PrintWriter out) {
        switch (format) {
            case TEXT -> text(r, r.rows(), out);
            case CSV -> csv(r, out);
            case JSON -> json(r, out);
        }
        out.flush();
    }

    /**
     * perf's layout, column for column, so its users read it at a glance:
     * <pre>
     *  contended   total wait     max wait     avg wait         type   caller
     *
     *          1    835.75 ms    835.75 ms    835.75 ms      rwsem:W   do_syscall_64+0x71
     * </pre>
     */
    public static void text(PerfLockContention.Result r, List<ContentionRow> rows,
                            PrintWriter out) {
        boolean byThread = r.by() == ContentionKey.THREAD;
        out.printf("%10s %12s %12s %12s   %10s   %s%n%n", "contended", "total wait", "max wait",
                "avg wait", byThread ? "pid" : "type", byThread ? "comm" : "caller");
        for (ContentionRow row : rows) {
            out.printf("%10d %s %s %s   %10s   %s%n", row.contended(),
                    PerfTime.format(row.totalNs(), 12), PerfTime.format(row.maxNs(), 12),
                    PerfTime.format(row.avgNs(), 12),
                    byThread ? Long.toString(row.key()) : row.type(), row.label());
        }
        footer(r, out);
    }

    private static void footer(PerfLockContention.Result r, PrintWriter out) {
        List<String> notes = new ArrayList<>();
        if (r.openWaits() > 0) {
            notes.add(r.openWaits() + " wait(s) still open at the end of the trace (counted, "
                    + "no time)");
        }
        if (r.endsWithoutBegin() > 0) {
            notes.add(r.endsWithoutBegin() + " contention_end without a begin");
        }
        if (r.ignoredEnds() > 0) {
            notes.add(r.ignoredEnds() + " contention_end ignored: no row for its stack or "
                    + "thread (as perf)");
        }
        if (r.beginsWithoutStack() > 0 && r.by() == ContentionKey.CALLER) {
            notes.add(r.beginsWithoutStack() + " contention_begin without a callchain in the "
                    + "input, so caller Unknown (record with -g; perf script also prints none "
                    + "for a callchain it cannot fully resolve)");
        }
        if (!notes.isEmpty()) {
            out.println();
            out.println("# " + String.join("; ", notes));
        }
    }

    private static void csv(PerfLockContention.Result r, PrintWriter out) {
        boolean byThread = r.by() == ContentionKey.THREAD;
        RowWriter w = new CsvRowWriter(out);
        w.start(byThread ? CSV_BY_THREAD : CSV_BY_CALLER);
        for (ContentionRow row : r.rows()) {
            w.row(List.of(row.contended(), row.totalNs(), row.maxNs(), row.avgNs(),
                    byThread ? row.key() : row.type(), row.label()));
        }
        w.end();
    }

    private static void json(PerfLockContention.Result r, PrintWriter out) {
        boolean byThread = r.by() == ContentionKey.THREAD;
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("by", r.by().name().toLowerCase());
            g.writeName("rows");
            g.writeStartArray();
            for (ContentionRow row : r.rows()) {
                g.writeStartObject();
                g.writeNumberProperty("contended", row.contended());
                g.writeNumberProperty("acquired", row.acquired());
                g.writeNumberProperty("total_wait_ns", row.totalNs());
                g.writeNumberProperty("max_wait_ns", row.maxNs());
                g.writeNumberProperty("min_wait_ns", row.minNs());
                g.writeNumberProperty("avg_wait_ns", row.avgNs());
                g.writeStringProperty("type", row.type());
                if (byThread) {
                    g.writeNumberProperty("tid", row.key());
                    g.writeStringProperty("comm", row.label());
                } else {
                    g.writeStringProperty("caller", row.label());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberProperty("open_waits", r.openWaits());
            g.writeNumberProperty("ends_without_begin", r.endsWithoutBegin());
            g.writeNumberProperty("nested_begins", r.nestedBegins());
            g.writeNumberProperty("ignored_ends", r.ignoredEnds());
            g.writeNumberProperty("begins_without_stack", r.beginsWithoutStack());
            g.writeEndObject();
        }
        out.println();
    }
}
