package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The numbers the what-if models assume (what-if.tsv). */
public final class WhatIfParameters {
    private final Map<String, Long> values;

    private WhatIfParameters(Map<String, Long> values) {
        this.values = values;
    }

    public static WhatIfParameters shipped() {
        TsvTable t = TsvTable.resource(WhatIfParameters.class, "what-if.tsv");
        int name = t.column("name");
        int value = t.column("value");
        Map<String, Long> values = new HashMap<>();
        for (List<String> row : t.rows()) {
            values.put(row.get(name), Long.parseLong(row.get(value)));
        }
        return new WhatIfParameters(values);
    }

    public long get(String name) {
        Long v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("what-if.tsv: no parameter " + name);
        }
        return v;
    }

    /**
     * A copy with one parameter set to {@code value}: the same question asked with another
     * number (a test puts a threshold exactly on a scenario's value). Only what-if.tsv's names.
     */
    public WhatIfParameters with(String name, long value) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException("what-if.tsv: no parameter " + name);
        }
        Map<String, Long> copy = new HashMap<>(values);
        copy.put(name, value);
        return new WhatIfParameters(copy);
    }
}
