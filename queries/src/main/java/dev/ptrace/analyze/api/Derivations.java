package dev.ptrace.analyze.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many times each derivation ran for each trace in one {@link TraceAnalysis}: the proof
 * that a command works each result out once (a test reads it), and a figure for profiling.
 */
public final class Derivations {
    public static final String WALK = "walk";
    public static final String CHAINS = "chains";
    public static final String FINDINGS = "findings";
    public static final String INVERSIONS = "inversions";
    public static final String CONTENTION = "contention";

    private final Map<String, Integer> runs = new TreeMap<>();

    void ran(String derivation, int traceId) {
        runs.merge(derivation + "@" + traceId, 1, Integer::sum);
    }

    /** Runs by {@code derivation@trace}, e.g. {@code findings@1 = 1}. */
    public Map<String, Integer> runs() {
        return Map.copyOf(runs);
    }
}
