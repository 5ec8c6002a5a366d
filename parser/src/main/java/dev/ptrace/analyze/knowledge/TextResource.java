package dev.ptrace.analyze.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a resource: SQL kept in {@code .sql} files (one concept a file, under
 * {@code /sql/}) rather than in Java strings, and the HTML report's page.
 */
public final class TextResource {
    /** A name a template fills in: an identifier or a piece of SQL, never a value. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private TextResource() {
    }

    /**
     * A SQL template such as {@code /sql/store/ddl/create_table.sql} with its {@code {name}}
     * placeholders filled: for what a statement cannot bind (table and column names, a COPY
     * target); values are bound as {@code $1}. Its leading comment lines are left out.
     *
     * @throws IllegalStateException when a placeholder has no value
     */
    public static String fill(String path, Map<String, String> values) {
        String template = TEMPLATES.computeIfAbsent(path,
                p -> load(p).replaceAll("(?m)\\A(--.*\\n)+", "").strip());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException(path + ": no value for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    /** The text of a resource such as {@code /sql/store/threads.sql}. */
    public static String load(String path) {
        try (InputStream in = TextResource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
