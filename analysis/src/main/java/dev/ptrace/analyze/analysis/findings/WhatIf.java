package dev.ptrace.analyze.analysis.findings;

import java.sql.SQLException;
import java.util.List;

/** One what-if model: what it finds in a trace, with its predicted saving. */
public interface WhatIf {
    List<Finding> find(FindingContext ctx) throws SQLException;
}
