package dev.ptrace.analyze.store;

/** One column of a table: its name, DuckDB type and what it means (shown in docs/schema.md). */
public record Column(String name, String type, String doc) {
}
