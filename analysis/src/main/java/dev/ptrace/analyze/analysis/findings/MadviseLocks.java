package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which lock madvise takes for each advice, by kernel version (madvise-locks.tsv). */
final class MadviseLocks {
    /** An advice: its name and the first release that takes only the VMA's lock, or null. */
    record Advice(long value, String name, KernelRelease perVmaSince) {
    }

    private final Map<Long, Advice> byValue;

    private MadviseLocks(Map<Long, Advice> byValue) {
        this.byValue = byValue;
    }

    static MadviseLocks shipped() {
        TsvTable t = TsvTable.resource(MadviseLocks.class, "madvise-locks.tsv");
        int value = t.column("value");
        int advice = t.column("advice");
        int since = t.column("per_vma_since");
        Map<Long, Advice> byValue = new HashMap<>();
        for (List<String> row : t.rows()) {
            long v = Long.parseLong(row.get(value));
            byValue.put(v, new Advice(v, row.get(advice), KernelRelease.parse(row.get(since))));
        }
        return new MadviseLocks(byValue);
    }

    /** The advice of a value; an unlisted value is named by its number. */
    Advice of(long value) {
        return byValue.getOrDefault(value, new Advice(value, "advice " + value, null));
    }
}
