package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReproductionQueryTest {
    @Test
    void valuesAreWrittenInAsLiteralsAQuoteInATextDoubled() {
        assertEquals("SELECT * FROM locks WHERE trace_id = 3 AND name = 'it''s; DROP TABLE x'",
                ReproductionQuery.of("SELECT * FROM locks WHERE trace_id = $1 AND name = $2",
                        3, "it's; DROP TABLE x"));
    }

    @Test
    void commentsAreLeftOutAndTheQueryIsOneLine() {
        assertEquals("SELECT a FROM t WHERE b = 7 ORDER BY a",
                ReproductionQuery.of("-- what it is\nSELECT a\n  FROM t\n WHERE b = $1\n"
                        + "ORDER BY a\n", 7L));
    }

    @Test
    void aDollarOrBlanksInsideAQuotedTextStayAsTheyAre() {
        assertEquals("SELECT 'cost $1  each' AS s, 5",
                ReproductionQuery.of("SELECT 'cost $1  each' AS s,   $1", 5));
    }

    @Test
    void twoDigitParametersAreNotReadAsOneDigit() {
        Object[] values = new Object[10];
        java.util.Arrays.fill(values, 0);
        values[9] = 10;
        assertEquals("SELECT 10, 0", ReproductionQuery.of("SELECT $10, $1", values));
    }
}
