package dev.ptrace.analyze.query;

import java.io.PrintWriter;

/** Output formats for query results; each makes its {@link RowWriter}. */
public enum ResultFormat {
    TABLE, CSV, JSON, MD;

    public RowWriter writer(PrintWriter out) {
        return switch (this) {
            case TABLE -> new TextTableWriter(out, TextTableWriter.DEFAULT_MAX_ROWS);
            case CSV -> new CsvRowWriter(out);
            case JSON -> new JsonRowWriter(out);
            case MD -> new MarkdownTableWriter(out);
        };
    }
}
