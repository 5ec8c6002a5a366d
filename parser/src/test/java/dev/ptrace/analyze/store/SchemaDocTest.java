package dev.ptrace.analyze.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/schema.md documents every table and column: its generated section must equal what the
 * definitions produce. Run with -Dptrace.regenerate=true to rewrite it.
 */
class SchemaDocTest {
    private static final Path DOC = TestData.dir().resolveSibling("docs").resolve("schema.md");

    @Test
    void schemaDocIsGeneratedWholeFromTheTableDefinitions() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = SchemaDoc.document();
        if (Boolean.getBoolean("ptrace.regenerate")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, doc, "docs/schema.md is stale: mvn test -pl parser "
                + "-Dptrace.regenerate=true -Dtest=SchemaDocTest");
        for (TableDef t : Tables.DERIVED_TABLES) {
            assertTrue(doc.contains("`" + t.name() + "`"), t.name() + " named as derived");
        }
    }

    @Test
    void databaseFileCommentsDocumentEveryColumnAndAnInMemoryDatabaseHasNone(@TempDir Path dir)
            throws SQLException {
        assertEquals(0, commentless(Database.open(dir.resolve("t.duckdb"))));
        assertTrue(commentless(Database.inMemory()) > 50);
    }

    /** The columns of {@code db}'s tables without a comment, once its schema stands. */
    private static long commentless(Database db) throws SQLException {
        try (db) {
            db.connection().setAutoCommit(false);
            Schema.ensure(db.connection());
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE comment IS NULL) "
                         + "FROM duckdb_columns() WHERE NOT internal "
                         + "AND table_name IN (SELECT table_name FROM duckdb_tables())")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void everySkipReasonIsDescribedInStatsTsv() {
        String doc = SchemaDoc.markdown();
        for (dev.ptrace.analyze.read.SkipReason r : dev.ptrace.analyze.read.SkipReason.values()) {
            assertTrue(doc.contains("| skipped." + r.id() + " | "), r.id());
        }
    }
}
