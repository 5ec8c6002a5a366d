package dev.ptrace.analyze.query;

import java.util.List;

/** Receives a result: column names once, then rows, then the end. One class per output format. */
public interface RowWriter {
    void start(List<String> columns);

    void row(List<Object> values);

    void end();
}
