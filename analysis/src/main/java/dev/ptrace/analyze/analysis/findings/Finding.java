package dev.ptrace.analyze.analysis.findings;

import java.util.List;
import java.util.Map;

/**
 * One thing to change, with the evidence for it and what changing it would save.
 *
 * @param scenario        what kind of finding: mmap-threshold, long-hold, priority-inversion,
 *                        spinlock, vmalloc (findings.tsv)
 * @param savedNs         the waiting the prediction removes (ns): what the findings are ranked by
 * @param lock            the lock the waiting was on, or null
 * @param evidence        the figures of the trace behind the finding, one line each
 * @param query           SQL over the documented tables that shows the evidence again
 * @param figures         the finding's numbers by name, for scripts and rules
 */
public record Finding(String scenario, String title, long savedNs, String lock,
                      List<String> evidence, String prediction, List<String> recommendations,
                      List<String> notes, String query, Map<String, Long> figures) {
}
