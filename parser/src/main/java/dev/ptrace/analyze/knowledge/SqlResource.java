package dev.ptrace.analyze.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** SQL kept in {@code .sql} resources, one concept a file, rather than in Java strings. */
public final class SqlResource {
    private SqlResource() {
    }

    /** The text of a resource such as {@code /sql/store/threads.sql}. */
    public static String load(String path) {
        try (InputStream in = SqlResource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
