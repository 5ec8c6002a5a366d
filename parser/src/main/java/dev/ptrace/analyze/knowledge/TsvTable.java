package dev.ptrace.analyze.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tab-separated knowledge file (lock functions, lock types, counters, causes): one record a
 * line, {@code #} starts a comment line, the first non-comment line names the columns. Shipped
 * as a resource; users can give their own file of the same shape to extend it.
 */
public final class TsvTable {
    private final String source;
    private final List<String> header;
    private final List<List<String>> rows;

    private TsvTable(String source, List<String> header, List<List<String>> rows) {
        this.source = source;
        this.header = header;
        this.rows = rows;
    }

    /** Loads a resource next to {@code owner}, e.g. {@code lock-functions.tsv}. */
    public static TsvTable resource(Class<?> owner, String name) {
        InputStream in = owner.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name + " of " + owner.getName());
        }
        return read(owner.getPackageName().replace('.', '/') + "/" + name, in);
    }

    /** Loads a user's file of the same shape. */
    public static TsvTable file(Path path) throws IOException {
        return read(path.toString(), Files.newInputStream(path));
    }

    private static TsvTable read(String source, InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8))) {
            List<String> header = null;
            List<List<String>> rows = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = List.of(line.split("\t", -1));
                if (header == null) {
                    header = cells;
                } else if (cells.size() != header.size()) {
                    throw new IllegalArgumentException(source + ":" + number + ": expected "
                            + header.size() + " tab-separated columns " + header + ", found "
                            + cells.size());
                } else {
                    rows.add(cells);
                }
            }
            if (header == null) {
                throw new IllegalArgumentException(source + ": no header line");
            }
            return new TsvTable(source, header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String source() {
        return source;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** The rows as maps from column name to cell, in the file's order. */
    public List<Map<String, String>> records() {
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            Map<String, String> r = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                r.put(header.get(i), row.get(i));
            }
            out.add(r);
        }
        return out;
    }

    /** Index of a column by name. */
    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(source + ": no column '" + name + "' in " + header);
        }
        return i;
    }
}
