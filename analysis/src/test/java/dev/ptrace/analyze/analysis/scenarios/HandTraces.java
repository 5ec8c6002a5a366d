package dev.ptrace.analyze.analysis.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the hand-written scenario tests share: a trace text ingested, rows to compare. */
final class HandTraces {
    private HandTraces() {
    }

    /** {@code text} written to {@code dir/NAME.txt} and ingested strictly with the analysis. */
    static Database ingest(Path dir, String name, String text) throws IOException {
        Path trace = dir.resolve(name + ".txt");
        Files.writeString(trace, text);
        Database db = Database.inMemory();
        try {
            // strict: a line of these traces that the reader does not take is a typo here
            new TraceIngester(db, List.of(LockAnalysis.shipped())).ingest(trace.toString(), true);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A row of expected values; nulls allowed. */
    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static List<List<Object>> rows(Database db, String sql) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> r = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    r.add(rs.getObject(i));
                }
                out.add(r);
            }
        }
        return out;
    }

    /**
     * What a finding tells the user: its title, evidence and prediction, every figure in them
     * worked out in the scenario's comment.
     */
    static void assertSays(Finding f, String title, List<String> evidence, String prediction) {
        assertEquals(title, f.title());
        assertEquals(evidence, f.evidence());
        assertEquals(prediction, f.prediction());
    }
}
