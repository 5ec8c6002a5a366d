package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.query.CsvRowWriter;
import dev.ptrace.analyze.query.JsonRowWriter;
import dev.ptrace.analyze.query.RowWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * "Where the waiting went": per lock, a matrix of what the waiters were doing (rows) by what
 * the holders they waited for were doing (columns), with totals; or the cells as rows.
 */
public final class AttributionPrinter {
    public enum Format { TEXT, MD, CSV, JSON }

    public static final List<String> COLUMNS = List.of("lock", "waiter_activity",
            "holder_cause", "wait_ns");

    private AttributionPrinter() {
    }

    public static void print(List<Attribution.Cell> cells, Format format, PrintWriter out) {
        switch (format) {
            case CSV -> rows(cells, new CsvRowWriter(out));
            case JSON -> rows(cells, new JsonRowWriter(out));
            default -> matrices(cells, format == Format.MD, out);
        }
        out.flush();
    }

    private static void rows(List<Attribution.Cell> cells, RowWriter w) {
        w.start(COLUMNS);
        for (Attribution.Cell c : cells) {
            w.row(List.of(c.lock(), c.waiterActivity(), c.holderCause(), c.waitNs()));
        }
        w.end();
    }

    /** The cells as a JSON array of objects with the columns of {@link #COLUMNS}. */
    public static void writeCells(JsonGenerator g, List<Attribution.Cell> cells) {
        g.writeStartArray();
        for (Attribution.Cell c : cells) {
            g.writeStartObject();
            g.writeStringProperty("lock", c.lock());
            g.writeStringProperty("waiter_activity", c.waiterActivity());
            g.writeStringProperty("holder_cause", c.holderCause());
            g.writeNumberProperty("wait_ns", c.waitNs());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** One matrix per lock, the most waited-for lock first. */
    public static void matrices(List<Attribution.Cell> cells, boolean markdown,
                                PrintWriter out) {
        if (cells.isEmpty()) {
            out.println("No lock waits with blame to attribute.");
            return;
        }
        Map<String, List<Attribution.Cell>> byLock = new LinkedHashMap<>();
        cells.forEach(c -> byLock.computeIfAbsent(c.lock(), l -> new ArrayList<>()).add(c));
        boolean first = true;
        for (Map.Entry<String, List<Attribution.Cell>> e : byLock.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            matrix(e.getKey(), e.getValue(), markdown, out);
        }
    }

    private static void matrix(String lock, List<Attribution.Cell> cells, boolean md,
                               PrintWriter out) {
        Set<String> waiters = new LinkedHashSet<>();
        Set<String> holders = new LinkedHashSet<>();
        Map<String, Long> at = new LinkedHashMap<>();
        Map<String, Long> rowTotal = new LinkedHashMap<>();
        Map<String, Long> colTotal = new LinkedHashMap<>();
        long total = 0;
        for (Attribution.Cell c : cells) {
            waiters.add(c.waiterActivity());
            holders.add(c.holderCause());
            at.merge(c.waiterActivity() + "\u0000" + c.holderCause(), c.waitNs(), Long::sum);
            rowTotal.merge(c.waiterActivity(), c.waitNs(), Long::sum);
            colTotal.merge(c.holderCause(), c.waitNs(), Long::sum);
            total += c.waitNs();
        }
        List<String> header = new ArrayList<>();
        header.add("waiter was in \\ holder was doing");
        header.addAll(holders);
        header.add("total");
        List<List<String>> rows = new ArrayList<>();
        for (String w : waiters) {
            List<String> row = new ArrayList<>();
            row.add(w);
            for (String h : holders) {
                Long ns = at.get(w + "\u0000" + h);
                row.add(ns == null ? "" : ChainPrinter.dur(ns));
            }
            row.add(ChainPrinter.dur(rowTotal.get(w)));
            rows.add(row);
        }
        List<String> totals = new ArrayList<>();
        totals.add("total");
        holders.forEach(h -> totals.add(ChainPrinter.dur(colTotal.get(h))));
        totals.add(ChainPrinter.dur(total));
        rows.add(totals);
        out.printf(md ? "### %s: %s waited%n%n" : "%s: %s waited%n", lock, ChainPrinter.dur(total));
        if (md) {
            out.println("| " + String.join(" | ", header) + " |");
            out.println("|" + "---|".repeat(header.size()));
            rows.forEach(r -> out.println("| " + String.join(" | ", r) + " |"));
            return;
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        printRow(header, width, out);
        rows.forEach(r -> printRow(r, width, out));
    }

    private static void printRow(List<String> cells, int[] width, PrintWriter out) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            String fmt = i == 0 ? "%-" + width[i] + "s" : "  %" + width[i] + "s";
            line.append(String.format(fmt, cells.get(i)));
        }
        out.println(line.toString().stripTrailing());
    }
}
