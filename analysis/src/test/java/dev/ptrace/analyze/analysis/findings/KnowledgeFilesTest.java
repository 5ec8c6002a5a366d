package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The findings' resource files: texts, parameters, madvise locks, kernel releases. */
class KnowledgeFilesTest {
    @Test
    void kernelReleaseComparesMajorThenMinor() {
        KernelRelease k = KernelRelease.parse("6.18.44-fc-v769");
        assertEquals("6.18", k.toString());
        assertTrue(k.atLeast(KernelRelease.parse("6.17")));
        assertFalse(KernelRelease.parse("5.19").atLeast(KernelRelease.parse("6.1")));
        assertNull(KernelRelease.parse("unknown"));
        assertNull(KernelRelease.parse(null));
    }

    @Test
    void madviseDontneedTakesTheVmaLockFrom617AndPopulateWriteNever() {
        MadviseLocks locks = MadviseLocks.shipped();
        assertEquals("MADV_DONTNEED", locks.of(4).name());
        assertEquals(KernelRelease.parse("6.17"), locks.of(4).perVmaSince());
        assertNull(locks.of(23).perVmaSince(), "MADV_POPULATE_WRITE");
        assertEquals("advice 999", locks.of(999).name());
    }

    @Test
    void madviseNoteSaysWhichLockTheTracesKernelTakes() {
        MadviseLocks.Advice dontneed = MadviseLocks.shipped().of(4);
        assertTrue(LongHoldWhatIf.kernelNote(KernelRelease.parse("6.18.44"), dontneed)
                .contains("takes the VMA's lock"));
        assertTrue(LongHoldWhatIf.kernelNote(KernelRelease.parse("6.12.0"), dontneed)
                .contains("takes mmap_lock"));
        assertTrue(LongHoldWhatIf.kernelNote(null, dontneed).contains("does not say"));
        assertTrue(LongHoldWhatIf.kernelNote(KernelRelease.parse("6.18"),
                MadviseLocks.shipped().of(23)).contains("takes mmap_lock"));
    }

    @Test
    void textsFillPlaceholdersAndRefuseAMissingOne() {
        FindingTexts t = FindingTexts.shipped();
        String p = t.one("spinlock", "prediction", Map.of("total", "1.00 ms"));
        assertTrue(p.contains("1.00 ms") && !p.contains("{"), p);
        assertThrows(IllegalStateException.class,
                () -> t.one("spinlock", "prediction", Map.of()));
        assertTrue(t.all("no such scenario", "note", Map.of()).isEmpty());
    }

    @Test
    void everyParameterTheModelsReadIsInWhatIfTsv() {
        WhatIfParameters p = WhatIfParameters.shipped();
        assertEquals(32L << 20, p.get("malloc_max_mmap_threshold"));
        assertEquals(128L << 10, p.get("malloc_default_mmap_threshold"));
        for (String name : new String[] {"long_hold_ns", "range_piece_ns", "range_piece_bytes",
                "malloc_chunk_overhead", "page_size"}) {
            assertTrue(p.get(name) > 0, name);
        }
        assertThrows(IllegalStateException.class, () -> p.get("nope"));
    }
}
