package dev.ptrace.analyze.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WritersTest {
    private static String write(ResultFormat f, List<String> columns, List<List<Object>> rows) {
        StringWriter s = new StringWriter();
        RowWriter w = f.writer(new PrintWriter(s));
        w.start(columns);
        rows.forEach(w::row);
        w.end();
        return s.toString();
    }

    private static final List<String> COLS = List.of("comm", "tid", "args");
    private static final List<List<Object>> ROWS = List.of(
            Arrays.asList("GC Thread#0, \"main\"", 8523L, Map.of("len", 4096L)),
            Arrays.asList("wl", 16371L, null));

    @Test
    void csvQuotesCommasAndQuotesAndLeavesNullEmpty() {
        assertEquals("comm,tid,args\n\"GC Thread#0, \"\"main\"\"\",8523,{len=4096}\nwl,16371,\n",
                write(ResultFormat.CSV, COLS, ROWS));
    }

    @Test
    void jsonKeepsNumbersMapsAndNulls() {
        assertEquals("[{\"comm\":\"GC Thread#0, \\\"main\\\"\",\"tid\":8523,\"args\":{\"len\":4096}},"
                + "{\"comm\":\"wl\",\"tid\":16371,\"args\":null}]\n",
                write(ResultFormat.JSON, COLS, ROWS));
    }

    @Test
    void tableAlignsNumbersRightAndCountsRows() {
        assertEquals("""
                comm                |   tid | args
                --------------------+-------+-----------
                GC Thread#0, "main" |  8523 | {len=4096}
                wl                  | 16371 | NULL
                (2 rows)
                """, write(ResultFormat.TABLE, COLS, ROWS));
    }

    @Test
    void tableShowsAtMostMaxRowsAndSaysHowManyMore() {
        StringWriter s = new StringWriter();
        TextTableWriter w = new TextTableWriter(new PrintWriter(s), 1);
        w.start(List.of("n"));
        w.row(List.of(1L));
        w.row(List.of(2L));
        w.end();
        assertEquals("n\n-\n1\n(2 rows, 1 not shown: use --format csv or json for all)\n",
                s.toString());
    }
}
