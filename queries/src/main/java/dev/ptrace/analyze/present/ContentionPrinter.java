package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.analysis.contention.ContentionFilter;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.event.Frame;
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
    public enum Format { TEXT, CSV, JSON, MD }

    public static final List<String> CSV_BY_CALLER = List.of("contended", "total_wait_ns",
            "max_wait_ns", "avg_wait_ns", "type", "caller");
    public static final List<String> CSV_BY_THREAD = List.of("contended", "total_wait_ns",
            "max_wait_ns", "avg_wait_ns", "tid", "comm");

    private ContentionPrinter() {
    }

    public static void print(PerfLockContention.Result r, Format format, PrintWriter out) {
        print(r, format, ContentionField.DEFAULT, null, out);
    }

    /**
     * The rows in a format with the fields asked for; {@code separator} (perf's {@code -x})
     * prints perf's CSV instead of the text table.
     */
    public static void print(PerfLockContention.Result r, Format format,
                             List<ContentionField> fields, String separator, PrintWriter out) {
        print(r, format, fields, separator, false, out);
    }

    public static void print(PerfLockContention.Result r, Format format,
                             List<ContentionField> fields, String separator, boolean verbose,
                             PrintWriter out) {
        if (separator != null) {
            separated(r, fields, separator, out);
        } else {
            switch (format) {
                case TEXT -> text(r, r.rows(), fields, verbose, out);
                case CSV -> csv(r, fields, out);
                case JSON -> json(r, out);
                case MD -> markdown(r, fields, out);
            }
        }
        out.flush();
    }

    private static boolean hasHolds(PerfLockContention.Result r) {
        return r.by().hasHolds();
    }

    public static void text(PerfLockContention.Result r, List<ContentionRow> rows,
                            PrintWriter out) {
        text(r, rows, ContentionField.DEFAULT, out);
    }

    /**
     * perf's layout, column for column, so its users read it at a glance:
     * <pre>
     *  contended   total wait     max wait     avg wait         type   caller
     *
     *          1    835.75 ms    835.75 ms    835.75 ms      rwsem:W   do_syscall_64+0x71
     * </pre>
     * with the hold figures of the lock, thread or owner after the wait figures.
     */
    public static void text(PerfLockContention.Result r, List<ContentionRow> rows,
                            List<ContentionField> fields, PrintWriter out) {
        text(r, rows, fields, false, out);
    }

    /** The table; {@code verbose}: each caller row's call stack under it (perf's -v). */
    public static void text(PerfLockContention.Result r, List<ContentionRow> rows,
                            List<ContentionField> fields, boolean verbose, PrintWriter out) {
        List<String> labels = r.by().perfColumns();
        boolean byLock = r.by() == ContentionKey.LOCK;
        StringBuilder h = new StringBuilder();
        for (ContentionField f : fields) { // perf: each figure "%*s ", then the labels
            h.append(String.format("%" + f.width() + "s ", f.header));
        }
        if (hasHolds(r)) {
            h.append(String.format("%12s %12s ", "total hold", "max hold"));
        }
        out.printf("%s  %" + (byLock ? 16 : 10) + "s   %s%n%n", h, labels.get(0),
                labels.get(1));
        for (ContentionRow row : rows) {
            StringBuilder line = new StringBuilder();
            for (ContentionField f : fields) {
                long v = f.value.applyAsLong(row);
                line.append(f.time ? PerfTime.format(v, 12) : String.format("%" + f.width()
                        + "d", v)).append(' ');
            }
            if (hasHolds(r)) {
                PerfLockContention.HoldFigure hf = r.holds().get(row.key());
                line.append(hf == null ? String.format("%12s %12s ", "-", "-")
                        : PerfTime.format(hf.totalNs(), 12) + " "
                                + PerfTime.format(hf.maxNs(), 12) + " ");
            }
            List<String> v = r.by().texts(row);
            if (byLock) { // perf -l: the address zero-padded, the symbol, the lock type
                out.printf("%s  %16s   %s (%s)%n", line, String.format("%16s",
                        ContentionFilter.normalise(v.get(0))).replace(' ', '0'), v.get(1),
                        row.type());
            } else {
                out.printf("%s  %10s   %s%n", line, v.get(0), v.get(1));
            }
            if (verbose) {
                stack(r, row, out);
            }
        }
        footer(r, out);
    }

    /**
     * The data-quality footer, always: perf's debug block (offline, the only bad sequence is a
     * contention_end with no begin pending: "acquired"), then what else was left out.
     */
    private static void footer(PerfLockContention.Result r, PrintWriter out) {
        long bad = r.endsWithoutBegin();
        long total = r.events();
        out.printf("%n=== output for debug ===%n%n");
        out.printf("bad: %d, total: %d%n", bad, total);
        out.printf("bad rate: %.2f %%%n", total == 0 ? 0.0 : 100.0 * bad / total);
        out.println("histogram of events caused bad sequence");
        out.printf(" %10s: %d%n %10s: %d%n %10s: %d%n %10s: %d%n", "acquire", 0, "acquired", bad,
                "contended", 0, "release", 0);
        out.println("left out of the figures (ptrace-analyze)");
        out.printf(" %10s: %d (waits still open at the end: counted, no time)%n", "open",
                r.openWaits());
        out.printf(" %10s: %d (a begin inside an open wait, as perf)%n", "nested",
                r.nestedBegins());
        out.printf(" %10s: %d (an end with no row for its stack or thread, as perf)%n",
                "no row", r.ignoredEnds());
        if (r.by() == ContentionKey.CALLER) {
            out.printf(" %10s: %d (begins without a callchain: caller Unknown; record with -g)%n",
                    "no stack", r.beginsWithoutStack());
        }
    }

    /** perf -v: the call stack of each row, a frame a line. */
    private static void stack(PerfLockContention.Result r, ContentionRow row, PrintWriter out) {
        for (Frame f : r.stacks().getOrDefault(row.key(), List.of())) {
            out.printf("\t\t\t0x%s  %s%n", f.ip() == null ? "0" : f.ip(), f.symbol() == null
                    ? "" : f.offset() == 0 ? f.symbol() : String.format("%s+0x%x", f.symbol(),
                    f.offset()));
        }
    }

    /**
     * perf's -x SEP: a '# output:' header, then each row's values (ns, no units), every
     * field followed by SEP and a space, as perf prints them.
     */
    private static void separated(PerfLockContention.Result r, List<ContentionField> fields,
                                  String sep, PrintWriter out) {
        StringBuilder h = new StringBuilder("# output: ");
        fields.forEach(f -> h.append(f.header).append(sep).append(' '));
        h.append(String.join(sep + " ", r.by().perfColumns()));
        if (r.by() == ContentionKey.LOCK) { // perf -l -x: the lock's type last
            h.append(sep).append(" type");
        }
        out.println(h);
        for (ContentionRow row : r.rows()) {
            StringBuilder line = new StringBuilder();
            fields.forEach(f -> line.append(f.value.applyAsLong(row)).append(sep).append(' '));
            List<String> v = r.by().texts(row);
            if (r.by() == ContentionKey.LOCK) {
                line.append(ContentionFilter.normalise(v.get(0))).append(sep).append(' ')
                        .append(v.get(1)).append(sep).append(' ').append(row.type());
            } else {
                line.append(v.get(0)).append(sep).append(' ').append(v.get(1));
            }
            out.println(line);
        }
        if (r.endsWithoutBegin() > 0) {
            long bad = r.endsWithoutBegin();
            out.printf("# debug: total=%d%s bad=%d%s bad_acquire=0%s bad_acquired=%d%s "
                    + "bad_contended=0%s bad_release=0%n", r.events() + bad, sep, bad, sep, sep,
                    bad, sep, sep);
        }
    }

    private static void markdown(PerfLockContention.Result r, List<ContentionField> fields,
                                 PrintWriter out) {
        List<String> head = new ArrayList<>();
        fields.forEach(f -> head.add(f.header));
        if (hasHolds(r)) {
            head.addAll(List.of("total hold", "max hold"));
        }
        head.addAll(r.by().perfColumns());
        out.println("| " + String.join(" | ", head) + " |");
        out.println("|" + "---|".repeat(head.size()));
        for (ContentionRow row : r.rows()) {
            List<String> v = new ArrayList<>();
            fields.forEach(f -> v.add(f.time ? PerfTime.format(f.value.applyAsLong(row))
                    : Long.toString(f.value.applyAsLong(row))));
            if (hasHolds(r)) {
                PerfLockContention.HoldFigure hf = r.holds().get(row.key());
                v.add(hf == null ? "-" : PerfTime.format(hf.totalNs()));
                v.add(hf == null ? "-" : PerfTime.format(hf.maxNs()));
            }
            r.by().texts(row).forEach(x -> v.add(x.replace("|", "\\|")));
            out.println("| " + String.join(" | ", v) + " |");
        }
    }

    private static void csv(PerfLockContention.Result r, List<ContentionField> fields,
                            PrintWriter out) {
        RowWriter w = new CsvRowWriter(out);
        List<String> head = new ArrayList<>();
        fields.forEach(f -> head.add(f.column));
        head.addAll(r.by().columns());
        w.start(head);
        for (ContentionRow row : r.rows()) {
            List<Object> v = new ArrayList<>();
            fields.forEach(f -> v.add(f.value.applyAsLong(row)));
            v.addAll(r.by().values(row));
            w.row(v);
        }
        w.end();
    }

    private static void json(PerfLockContention.Result r, PrintWriter out) {
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            writeResult(g, r, r.rows());
        }
        out.println();
    }

    /** The result as a JSON object: its rows ({@code rows}, of the result's) and counters. */
    public static void writeResult(JsonGenerator g, PerfLockContention.Result r,
                                   List<ContentionRow> rows) {
        g.writeStartObject();
        g.writeStringProperty("by", r.by().name().toLowerCase());
        g.writeName("rows");
        g.writeStartArray();
        for (ContentionRow row : rows) {
            g.writeStartObject();
            g.writeNumberProperty("contended", row.contended());
            g.writeNumberProperty("acquired", row.acquired());
            g.writeNumberProperty("total_wait_ns", row.totalNs());
            g.writeNumberProperty("max_wait_ns", row.maxNs());
            g.writeNumberProperty("min_wait_ns", row.minNs());
            g.writeNumberProperty("avg_wait_ns", row.avgNs());
            g.writeStringProperty("type", row.type());
            r.by().jsonFields(row).forEach((name, value) -> {
                g.writeName(name);
                JsonRowWriter.writeValue(g, value);
            });
            PerfLockContention.HoldFigure hf = r.holds().get(row.key());
            if (hf != null) {
                g.writeNumberProperty("holds", hf.holds());
                g.writeNumberProperty("total_hold_ns", hf.totalNs());
                g.writeNumberProperty("max_hold_ns", hf.maxNs());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberProperty("events", r.events());
        g.writeNumberProperty("open_waits", r.openWaits());
        g.writeNumberProperty("ends_without_begin", r.endsWithoutBegin());
        g.writeNumberProperty("nested_begins", r.nestedBegins());
        g.writeNumberProperty("ignored_ends", r.ignoredEnds());
        g.writeNumberProperty("begins_without_stack", r.beginsWithoutStack());
        g.writeEndObject();
    }
}
