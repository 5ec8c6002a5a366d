package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The range model's piece: the largest power of two whose share of the holder's running time
 * stays within the target, worked out by hand (what-if.tsv: 10 ms a piece, pages of 4096,
 * pieces of at most 64 MiB).
 */
class LongHoldPieceSizeTest {
    private static final long MIB = 1L << 20;
    private static final long TARGET_NS = 10_000_000L;
    private static final long PAGE = 4096;

    /*
     * A 100 MiB munmap whose holder ran 3 s on it: a piece may be 104,857,600 x 10 ms / 3 s =
     * 349,525.33 bytes at most; the largest power of two not above it is 2^18 = 262,144
     * (256 KiB), which takes 262,144 / 104,857,600 x 3 s = 7.5 ms. Rounded up, 2^19 = 512 KiB
     * would take 15 ms, over the target.
     */
    @Test
    void aHundredMebibyteHoldIsSplitInPowersOfTwoAtOrBelowTheTarget() {
        assertEquals(262_144L, LongHoldWhatIf.pieceBytes(100 * MIB, 3_000_000_000L, TARGET_NS,
                PAGE, 64 * MIB));
    }

    /* Run for 1 s: 104,857,600 x 10 ms / 1 s = 1,048,576 = 2^20 exactly, which is kept. */
    @Test
    void aPieceThatFitsExactlyIsKept() {
        assertEquals(MIB, LongHoldWhatIf.pieceBytes(100 * MIB, 1_000_000_000L, TARGET_NS,
                PAGE, 64 * MIB));
    }

    /*
     * Run for 1000 s: 1,048 bytes would fit, less than a page: a page. Run for 10 ms: the
     * whole range fits (2^26 = 64 MiB rounded down), capped at the largest piece given (32 MiB).
     */
    @Test
    void aPieceIsAtLeastAPageAndAtMostTheLargestGiven() {
        assertEquals(PAGE, LongHoldWhatIf.pieceBytes(100 * MIB, 1_000_000_000_000L, TARGET_NS,
                PAGE, 64 * MIB));
        assertEquals(32 * MIB, LongHoldWhatIf.pieceBytes(100 * MIB, 10_000_000L, TARGET_NS,
                PAGE, 32 * MIB));
    }
}
