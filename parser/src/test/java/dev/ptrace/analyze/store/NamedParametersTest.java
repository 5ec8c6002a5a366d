package dev.ptrace.analyze.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedParametersTest {
    @Test
    void eachUseOfANameBecomesAQuestionMarkInOrder() {
        NamedParameters p = NamedParameters.of(
                "SELECT * FROM t WHERE trace_id = $trace_id AND x > $2 OR trace_id = $trace_id");
        assertEquals("SELECT * FROM t WHERE trace_id = ? AND x > ? OR trace_id = ?", p.jdbc());
        assertEquals(List.of("trace_id", "2", "trace_id"), p.uses());
    }

    @Test
    void dollarsInStringsQuotedNamesAndCommentsAreNoParameters() {
        String sql = "SELECT '$a', 'it''s $b', \"$c\" -- $d\n, /* $e */ $f";
        NamedParameters p = NamedParameters.of(sql);
        assertEquals(List.of("f"), p.uses());
        assertEquals("SELECT '$a', 'it''s $b', \"$c\" -- $d\n, /* $e */ ?", p.jdbc());
    }

    @Test
    void inlineWritesLiteralsAndKeepsNamesWithoutOne() {
        NamedParameters p = NamedParameters.of("a = $x AND b = $y AND '$x'");
        assertEquals("a = 3 AND b = $y AND '$x'", p.inline(Map.of("x", "3")));
    }

    @Test
    void theSameNameGetsTheSameValueAndAMissingOneIsAnError() throws SQLException {
        try (Database db = Database.inMemory()) {
            NamedParameters p = NamedParameters.of("SELECT $a + $b + $a");
            try (PreparedStatement ps = p.prepare(db.connection(), Map.of("a", 1, "b", 10));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(12, rs.getInt(1));
            }
            SQLException e = assertThrows(SQLException.class,
                    () -> p.prepare(db.connection(), Map.of("a", 1)));
            assertEquals("no value for parameter $b", e.getMessage());
        }
    }
}
