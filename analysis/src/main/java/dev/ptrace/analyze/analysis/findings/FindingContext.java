package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.chains.Chain;
import java.sql.Connection;
import java.util.List;

/**
 * What every finding model works from: the database, the trace, its kernel release when the
 * trace says (else null), its chains (resolved once for all models), the cause classifier,
 * the texts and the what-if parameters.
 */
public record FindingContext(Connection conn, int traceId, KernelRelease kernel,
                             List<Chain> chains, CauseClassifier classifier, FindingTexts texts,
                             WhatIfParameters parameters) {
}
