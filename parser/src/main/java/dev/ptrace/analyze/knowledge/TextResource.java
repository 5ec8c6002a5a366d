package dev.ptrace.analyze.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of a resource: SQL kept in {@code .sql} files (one concept a file, under
 * {@code /sql/}) rather than in Java strings, and the HTML report's page.
 */
public final class TextResource {
    private TextResource() {
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
