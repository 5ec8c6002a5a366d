package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The window of intervals the chains read the blame through: what it loads for a bound, what
 * it lets go for a low water mark, and when (the sweep waits until the window has grown by
 * half, and at least by 4,096 intervals). Every expectation follows from the intervals the
 * test makes.
 */
class TimeWindowTest {
    /** An interval of one key: [begin, end). */
    private record Span(String key, long begin, long end) {
    }

    /** Hands out its spans in order and counts how often it was asked. */
    private static final class Spans implements TimeWindow.Source<Span> {
        private final Iterator<Span> it;
        int asked;

        Spans(List<Span> spans) {
            it = spans.iterator();
        }

        @Override
        public Span next() {
            asked++;
            return it.hasNext() ? it.next() : null;
        }
    }

    private static TimeWindow<String, Span> window(Spans spans) {
        return new TimeWindow<>(spans, Span::key, Span::begin, Span::end);
    }

    /** {@code n} spans of key {@code key}, one a nanosecond from {@code from}, each 1 ns long. */
    private static List<Span> run(String key, long from, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Span(key, from + i, from + i + 1)).toList();
    }

    @Test
    void loadsWhatBeginsBeforeTheBoundAndKeepsTheFirstThatDoesNotForLater() throws SQLException {
        Spans spans = new Spans(List.of(new Span("a", 10, 20), new Span("b", 15, 30),
                new Span("a", 20, 25), new Span("b", 40, 50)));
        TimeWindow<String, Span> w = window(spans);
        w.loadBefore(20); // begins 10 and 15 are before 20; 20 is not
        assertEquals(List.of(new Span("a", 10, 20)), w.of("a"));
        assertEquals(List.of(new Span("b", 15, 30)), w.of("b"));
        assertEquals(3, spans.asked); // the third was read, and waits
        w.loadBefore(41);
        assertEquals(List.of(new Span("a", 10, 20), new Span("a", 20, 25)), w.of("a"));
        assertEquals(List.of(new Span("b", 15, 30), new Span("b", 40, 50)), w.of("b"));
        assertEquals(List.of(), w.of("c"));
    }

    @Test
    void aSourceAtItsEndIsNotAskedAgain() throws SQLException {
        Spans spans = new Spans(List.of(new Span("a", 1, 2)));
        TimeWindow<String, Span> w = window(spans);
        w.loadBefore(100);
        w.loadBefore(200);
        w.loadBefore(300);
        assertEquals(2, spans.asked); // the span, then the null that ends it
        assertEquals(1, w.of("a").size());
    }

    @Test
    void noSweepBeforeFourThousandNinetySixLoadsThenWhatEndsByTheLowWaterGoes() throws SQLException {
        TimeWindow<String, Span> w = window(new Spans(run("a", 0, 5000)));
        w.loadBefore(4095); // spans beginning 0 .. 4094: 4,095 loaded
        w.dropEndingBy(4095);
        assertEquals(4095, w.of("a").size());
        w.loadBefore(4096); // the 4,096th: the sweep is due
        w.dropEndingBy(100); // the span [99, 100) ends by 100 and goes; [100, 101) stays
        assertEquals(100, w.of("a").get(0).begin());
        assertEquals(3996, w.of("a").size());
    }

    @Test
    void aKeyWhoseIntervalsAllEndedIsForgotten() throws SQLException {
        List<Span> spans = new ArrayList<>(run("a", 0, 4000));
        spans.addAll(run("b", 4000, 96));
        TimeWindow<String, Span> w = window(new Spans(spans));
        w.loadBefore(Long.MAX_VALUE);
        w.dropEndingBy(4000);
        assertEquals(List.of(), w.of("a"));
        assertEquals(96, w.of("b").size());
    }

    /*
     * After a sweep the next waits until the new loads are half of all kept: 9,000 spans that
     * end late are kept; 4,096 more are not half of 13,096; 9,000 more are half of 18,000.
     */
    @Test
    void theNextSweepWaitsUntilTheWindowGrewByHalfOfWhatItKeeps() throws SQLException {
        List<Span> spans = new ArrayList<>();
        IntStream.range(0, 9000).forEach(i -> spans.add(new Span("late", i, 1_000_000)));
        spans.addAll(run("early", 9000, 9000));
        TimeWindow<String, Span> w = window(new Spans(spans));
        w.loadBefore(9000);
        w.dropEndingBy(10_000); // a sweep (9,000 loaded); nothing ends by 10,000 yet
        assertEquals(9000, w.of("late").size());
        w.loadBefore(9000 + 4096);
        w.dropEndingBy(20_000);
        assertEquals(4096, w.of("early").size()); // no sweep
        w.loadBefore(9000 + 8998);
        w.dropEndingBy(20_000);
        assertEquals(8998, w.of("early").size()); // 8,998 < 17,998 / 2: still none
        w.loadBefore(9000 + 9000);
        w.dropEndingBy(20_000);
        assertEquals(List.of(), w.of("early"));
        assertEquals(9000, w.of("late").size());
    }

    /* What a sweep let go no longer counts: 10,000 dropped leave 0 kept, so 4,096 suffice. */
    @Test
    void whatASweepLetGoNoLongerCountsTowardsTheNext() throws SQLException {
        TimeWindow<String, Span> w = window(new Spans(run("a", 0, 10_000 + 4096)));
        w.loadBefore(10_000);
        w.dropEndingBy(10_000);
        assertEquals(List.of(), w.of("a"));
        w.loadBefore(10_000 + 4096);
        w.dropEndingBy(10_000 + 4000);
        assertEquals(96, w.of("a").size());
        assertEquals(10_000 + 4000, w.of("a").get(0).begin());
    }

    /* A key's list is compacted when most of it is gone; what is left reads the same. */
    @Test
    void aKeyMostlyLetGoStillListsWhatIsLeftInOrder() throws SQLException {
        TimeWindow<String, Span> w = window(new Spans(run("a", 0, 5000)));
        w.loadBefore(Long.MAX_VALUE);
        w.dropEndingBy(4990);
        assertEquals(run("a", 4990, 10), w.of("a"));
        w.loadBefore(Long.MAX_VALUE);
        assertEquals(run("a", 4990, 10), w.of("a"));
    }

    @Test
    void firstEndingAfterFindsTheFirstIntervalThatEndsLaterThanTheTime() {
        List<Span> list = List.of(new Span("a", 0, 10), new Span("a", 10, 20),
                new Span("a", 20, 30));
        assertEquals(0, TimeWindow.firstEndingAfter(list, 9, Span::end));
        assertEquals(1, TimeWindow.firstEndingAfter(list, 10, Span::end));
        assertEquals(2, TimeWindow.firstEndingAfter(list, 29, Span::end));
        assertEquals(3, TimeWindow.firstEndingAfter(list, 30, Span::end));
        assertEquals(0, TimeWindow.firstEndingAfter(List.<Span>of(), 5, Span::end));
    }
}
