package dev.ptrace.analyze.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BulkRowsTest {
    private static final TableDef TABLE = new TableDef("bulk_test", "rows of every kind", List.of(
            new Column("n", "INTEGER", "row number"),
            new Column("big", "BIGINT", "large value, NULL every 64th row"),
            new Column("odd", "BOOLEAN", "row number is odd, NULL every 7th row"),
            new Column("word", "VARCHAR", "a word, NULL every 5th row")));
    /** More than the chunks kept in memory: the rest goes through the temporary file. */
    private static final int ROWS = 40_000;

    private enum Mode { AT_ONCE, SETTERS, BATCHED, STREAMING }

    @Test
    void numbersAreWrittenStraightIntoVectorsWithThePinnedDriver() {
        assertTrue(VectorMemory.AVAILABLE, "the DuckDB driver's vector layout changed:"
                + " BulkRows fell back to the slow setters");
    }

    @Test
    void directFillStoresEveryValueAndNullAsAdded() throws Exception {
        assertEquals(expected(), stored(Mode.AT_ONCE));
    }

    @Test
    void settersStoreTheSameRowsAsDirectFill() throws Exception {
        assertEquals(expected(), stored(Mode.SETTERS));
    }

    @Test
    void batchedInsertStoresTheSameRows() throws Exception {
        assertEquals(expected(), stored(Mode.BATCHED));
    }

    @Test
    void streamingInsertStoresTheSameRows() throws Exception {
        assertEquals(expected(), stored(Mode.STREAMING));
    }

    /** The spill reads back what was added, past its memory into its file, nulls included. */
    @Test
    void aRowSpillReadsBackEveryRowInOrder() {
        try (RowSpill spill = new RowSpill("spill-test", 2, ColumnKind.INT, ColumnKind.BIGINT,
                ColumnKind.BOOL, ColumnKind.TEXT)) {
            for (int r = 0; r < ROWS; r++) {
                add(spill, r);
            }
            RowSpill.Reader rows = spill.reader();
            for (int r = 0; r < ROWS; r++) {
                assertTrue(rows.next(), "row " + r);
                assertEquals(r, rows.getInt(0));
                assertEquals(r % 64 == 63 ? null : 3_000_000_000L * r, rows.getLongOrNull(1));
                assertEquals(r % 7 == 0 ? null : r % 2 == 1, rows.getBooleanOrNull(2));
                assertEquals(word(r), rows.getString(3));
            }
            assertFalse(rows.next());
        }
    }

    private static String word(int r) {
        return r % 5 == 0 ? null : r % 3 == 0 ? "three" : "word" + r;
    }

    /** Row {@code r}: its number, a large value, whether odd and a word, some of them NULL. */
    private static void add(RowBuilder rows, int r) {
        rows.i(r);
        if (r % 64 == 63) {
            rows.nul();
        } else {
            rows.l(3_000_000_000L * r);
        }
        if (r % 7 == 0) {
            rows.nul();
        } else {
            rows.b(r % 2 == 1);
        }
        rows.s(word(r));
        rows.end();
    }

    @Test
    void mapsKeepEveryKeyAndValueWhateverTheirCharacters() throws Exception {
        TableDef maps = new TableDef("bulk_maps", "maps", List.of(
                new Column("texts", "MAP(VARCHAR, VARCHAR)", "text values"),
                new Column("numbers", "MAP(VARCHAR, BIGINT)", "number values")));
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("comm", "kdamond.0, pid=71 (/usr/lf}");
        texts.put("q\"uote", "back\\slash\ttab");
        java.util.Map<String, Long> numbers = new java.util.LinkedHashMap<>();
        numbers.put("size", Long.MIN_VALUE);
        numbers.put("addr", Long.MAX_VALUE);
        try (Database db = Database.inMemory(); Statement st = db.connection().createStatement();
             BulkRows rows = new BulkRows(maps)) {
            Connection conn = db.connection();
            st.execute(maps.createSql());
            rows.m(texts).m(numbers).end();
            rows.m(null).m(java.util.Map.of()).end();
            rows.insert(conn);
            try (ResultSet rs = st.executeQuery("SELECT texts['comm'], texts['q\"uote'],"
                    + " map_keys(texts)[2], numbers['size'], numbers['addr'],"
                    + " cardinality(numbers) FROM bulk_maps ORDER BY rowid")) {
                rs.next();
                assertEquals(List.of("kdamond.0, pid=71 (/usr/lf}", "back\\slash\ttab",
                        "q\"uote", Long.toString(Long.MIN_VALUE),
                        Long.toString(Long.MAX_VALUE), "2"), List.of(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)));
                rs.next();
                assertEquals(null, rs.getString(1));
                assertEquals(0, rs.getInt(6));
            }
        }
    }

    /** The table's figures worked out from the rule that made each row. */
    private static List<Long> expected() {
        long n = 0, bigSum = 0, bigNulls = 0, odd = 0, oddNulls = 0, words = 0, wordNulls = 0;
        for (int r = 0; r < ROWS; r++) {
            n += r;
            if (r % 64 == 63) {
                bigNulls++;
            } else {
                bigSum += 3_000_000_000L * r;
            }
            if (r % 7 == 0) {
                oddNulls++;
            } else if (r % 2 == 1) {
                odd++;
            }
            if (r % 5 == 0) {
                wordNulls++;
            } else if (r % 3 == 0) {
                words++;
            }
        }
        return List.of((long) ROWS, n, bigSum, bigNulls, odd, oddNulls, words, wordNulls);
    }

    private static List<Long> stored(Mode mode) throws Exception {
        try (Database db = Database.inMemory(); Statement st = db.connection().createStatement()) {
            return stored(mode, db.connection(), st);
        }
    }

    private static List<Long> stored(Mode mode, Connection conn, Statement st)
            throws Exception {
        st.execute(TABLE.createSql());
        BulkRows rows = switch (mode) {
            case AT_ONCE -> new BulkRows(TABLE);
            case SETTERS -> new BulkRows(TABLE).throughSetters();
            case BATCHED -> BulkRows.batched(conn, TABLE);
            case STREAMING -> BulkRows.streaming(conn, TABLE);
        };
        try (rows) {
            for (int r = 0; r < ROWS; r++) {
                add(rows, r);
            }
            if (mode == Mode.BATCHED || mode == Mode.STREAMING) {
                rows.finish();
            } else {
                rows.insert(conn);
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*), sum(n), sum(big)::BIGINT,"
                + " count(*) FILTER (big IS NULL), count(*) FILTER (odd),"
                + " count(*) FILTER (odd IS NULL), count(*) FILTER (word = 'three'),"
                + " count(*) FILTER (word IS NULL) FROM bulk_test"
                + " WHERE word IS NULL OR word = 'three' OR word = 'word' || n")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
        }
    }

    @Test
    void insertsOnTwoThreadsAtOnceEachStoreTheirOwnRows() throws Exception {
        // each thread hands its rows to the function in a slot of its own
        List<Future<List<Long>>> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Mode mode : List.of(Mode.AT_ONCE, Mode.STREAMING, Mode.BATCHED, Mode.AT_ONCE)) {
                runs.add(pool.submit(() -> stored(mode)));
            }
            for (Future<List<Long>> run : runs) {
                assertEquals(expected(), run.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theRowFunctionServesNoQueryButTheToolsOwnInserts() throws Exception {
        try (Database db = Database.inMemory(); Statement st = db.connection().createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeQuery("SELECT * FROM ptrace_rows()"));
            assertTrue(e.getMessage().contains("serves the tool's own inserts only"),
                    e.getMessage());
        }
    }
}
