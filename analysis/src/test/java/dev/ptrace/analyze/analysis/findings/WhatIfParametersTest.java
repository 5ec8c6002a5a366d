package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The what-if parameters asked again with one number changed (what-if.tsv's values). */
class WhatIfParametersTest {
    /*
     * what-if.tsv: long_hold_ns 1,000,000 and page_size 4096. A copy with long_hold_ns
     * 2,000,000 has that, and still a page of 4096; the shipped parameters are not changed.
     */
    @Test
    void withReplacesOneParameterInACopyAndLeavesTheOthersAndTheOriginal() {
        WhatIfParameters shipped = WhatIfParameters.shipped();
        WhatIfParameters changed = shipped.with("long_hold_ns", 2_000_000L);
        assertEquals(2_000_000L, changed.get("long_hold_ns"));
        assertEquals(4096L, changed.get("page_size"));
        assertEquals(1_000_000L, shipped.get("long_hold_ns"));
    }

    /* A name what-if.tsv does not have is a mistake, as it is to get. */
    @Test
    void withAnUnknownNameFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WhatIfParameters.shipped().with("long_hold_sn", 1L));
        assertEquals("what-if.tsv: no parameter long_hold_sn", e.getMessage());
    }
}
