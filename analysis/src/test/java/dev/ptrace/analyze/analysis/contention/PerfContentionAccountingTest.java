package dev.ptrace.analyze.analysis.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** perf's pairing rules, one short event sequence each. */
class PerfContentionAccountingTest {
    private static final int SPIN = 1;
    private static final int WRITE = 4;

    private static ContentionRow only(PerfContentionAccounting acc) {
        List<ContentionRow> rows = acc.rows();
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void beginThenEndIsOneWaitOfTheirDistance() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", WRITE, 100, 7, () -> "caller");
        acc.end(1, "0xa", 350, 7);
        ContentionRow r = only(acc);
        assertEquals(new ContentionRow(7, "caller", null, "rwsem:W", 1, 1, 250, 250, 250, 250), r);
    }

    @Test
    void nestedBeginOnTheSameLockIsIgnoredAndTheFirstBeginCounts() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", SPIN, 100, 7, () -> "c");
        acc.begin(1, "0xa", SPIN, 150, 7, () -> "c");
        acc.end(1, "0xa", 300, 7);
        ContentionRow r = only(acc);
        assertEquals(1, r.contended());
        assertEquals(200, r.totalNs());
        assertEquals(1, acc.ignoredNestedBegins());
    }

    @Test
    void waitsOnDifferentLocksOfOneThreadNest() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xrwsem", WRITE, 100, 7, () -> "c");
        acc.begin(1, "0xspin", SPIN, 120, 8, () -> "d");
        acc.end(1, "0xspin", 130, 8);
        acc.end(1, "0xrwsem", 400, 7);
        assertEquals(List.of(300L, 10L), acc.rows().stream().map(ContentionRow::totalNs).toList());
    }

    @Test
    void endWithoutBeginIsBadDataNotAWait() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", SPIN, 100, 7, () -> "c");
        acc.end(1, "0xa", 200, 7);
        acc.end(1, "0xa", 300, 7);
        assertEquals(100, only(acc).totalNs());
        assertEquals(1L, acc.badEvents().get(PerfContentionAccounting.BadEvent.END_WITHOUT_BEGIN));
    }

    @Test
    void endWhoseKeyHasNoRowIsIgnoredAndTheWaitStaysOpen() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", SPIN, 100, 7, () -> "c");
        acc.end(1, "0xa", 200, 99);
        assertEquals(1, acc.ignoredEndsWithoutRow());
        assertEquals(1, acc.openWaits());
        acc.end(1, "0xa", 500, 7);
        assertEquals(400, only(acc).totalNs());
    }

    @Test
    void beginWithoutEndCountsAsContendedWithoutTime() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", SPIN, 100, 7, () -> "c");
        ContentionRow r = only(acc);
        assertEquals(1, r.contended());
        assertEquals(0, r.acquired());
        assertEquals(0, r.avgNs());
        assertEquals(1, acc.openWaits());
    }

    @Test
    void averageIsTotalOverEndedWaitsAsPerfComputesIt() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", SPIN, 0, 7, () -> "c");
        acc.end(1, "0xa", 90, 7);
        acc.begin(2, "0xa", SPIN, 0, 7, () -> "c");
        ContentionRow r = only(acc);
        assertEquals(2, r.contended());
        assertEquals(90, r.avgNs());
    }

    /* Of two waits begun, one ended: one is open when the trace ends. */
    @Test
    void openWaitsAreTheWaitsBegunAndNeverEnded() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", SPIN, 0, 7, () -> "c");
        acc.begin(2, "0xa", SPIN, 5, 7, () -> "c");
        acc.end(2, "0xa", 90, 7);
        assertEquals(1, acc.openWaits());
    }

    /* Two ended waits of 90 and 30 ns: total 120 over 2 acquired, an average of 60. */
    @Test
    void averageOfTwoEndedWaitsIsTheirTotalOverTwo() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", SPIN, 0, 7, () -> "c");
        acc.end(1, "0xa", 90, 7);
        acc.begin(1, "0xa", SPIN, 100, 7, () -> "c");
        acc.end(1, "0xa", 130, 7);
        ContentionRow r = only(acc);
        assertEquals(List.of(2L, 2L, 120L, 90L, 30L, 60L), List.of(r.contended(), r.acquired(),
                r.totalNs(), r.maxNs(), r.minNs(), r.avgNs()));
    }

    @Test
    void rowTakesTheFlagsOfItsFirstWait() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", 2, 0, 7, () -> "c");
        acc.begin(2, "0xb", WRITE, 0, 7, () -> "c");
        assertEquals("rwsem:R", only(acc).type());
    }

    @Test
    void endWithoutKeyClosesTheOpenWaitInItsRow() {
        PerfContentionAccounting acc = new PerfContentionAccounting();
        acc.begin(1, "0xa", WRITE, 100, 7, () -> "c");
        acc.endOfOpenWait(1, "0xa", 160);
        assertEquals(60, only(acc).totalNs());
        acc.endOfOpenWait(1, "0xb", 200);
        assertEquals(1, acc.ignoredEndsWithoutRow());
    }
}
