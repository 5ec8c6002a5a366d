package dev.ptrace.analyze.query;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table for people: numbers right-aligned, NULL shown as {@code NULL}. Shows the
 * first {@code maxRows} rows and says how many more there were (CSV and JSON show all).
 */
public final class TextTableWriter implements RowWriter {
    public static final int DEFAULT_MAX_ROWS = 1000;

    private final PrintWriter out;
    private final int maxRows;
    private List<String> columns;
    private final List<String[]> rows = new ArrayList<>();
    private boolean[] numeric;
    private long omitted;

    public TextTableWriter(PrintWriter out, int maxRows) {
        this.out = out;
        this.maxRows = maxRows;
    }

    @Override
    public void start(List<String> columns) {
        this.columns = columns;
        this.numeric = new boolean[columns.size()];
        java.util.Arrays.fill(numeric, true);
    }

    @Override
    public void row(List<Object> values) {
        if (rows.size() >= maxRows) {
            omitted++;
            return;
        }
        String[] cells = new String[values.size()];
        for (int i = 0; i < cells.length; i++) {
            Object v = values.get(i);
            cells[i] = v == null ? "NULL" : v.toString();
            if (v != null && !(v instanceof Number)) {
                numeric[i] = false;
            }
        }
        rows.add(cells);
    }

    @Override
    public void end() {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        out.println(line(columns.toArray(new String[0]), width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] r : rows) {
            out.println(line(r, width));
        }
        out.println("(" + (rows.size() + omitted) + (rows.size() + omitted == 1 ? " row" : " rows")
                + (omitted > 0 ? ", " + omitted + " not shown: use --format csv or json for all"
                : "") + ")");
        out.flush();
    }

    private String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            if (numeric[i]) {
                sb.append(pad).append(cells[i]);
            } else {
                sb.append(cells[i]).append(i == cells.length - 1 ? "" : pad);
            }
        }
        return sb.toString().stripTrailing();
    }
}
