package dev.ptrace.analyze.query;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Rows as a GitHub Markdown table (a CI job summary, a pull request comment), as they come. */
public final class MarkdownTableWriter implements RowWriter {
    private final PrintWriter out;

    public MarkdownTableWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(List<String> columns) {
        out.println(line(columns));
        out.println(columns.stream().map(c -> "---").collect(Collectors.joining(" | ", "| ",
                " |")));
    }

    @Override
    public void row(List<Object> values) {
        out.println(line(values));
    }

    @Override
    public void end() {
        out.flush();
    }

    /** A row; a | or line break in a cell would end it, so they are escaped. */
    private static String line(List<?> cells) {
        return cells.stream().map(v -> v == null ? "NULL" : v.toString().replace("|", "\\|")
                .replace("\n", " ")).collect(Collectors.joining(" | ", "| ", " |"));
    }
}
