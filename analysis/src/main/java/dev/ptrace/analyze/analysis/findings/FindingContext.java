package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.chains.TraceChains;
import java.sql.Connection;

/**
 * What every finding model works from: the database, the trace, its kernel release when the
 * trace says (else null), its chains (built once, when a model needs them), the cause classifier,
 * the texts and the what-if parameters.
 */
public record FindingContext(Connection conn, int traceId, KernelRelease kernel,
                             TraceChains chains, CauseClassifier classifier, FindingTexts texts,
                             WhatIfParameters parameters) {
}
