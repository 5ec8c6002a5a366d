package dev.ptrace.analyze.store;

/**
 * Adds a row record to a {@link RowBuilder} column by column: the {@code write} method the build
 * generates for each {@link RowOf} record ({@code StatRowWriter::write}).
 *
 * @param <R> the record of a row
 */
@FunctionalInterface
public interface RowWriter<R extends Record> {
    void write(RowBuilder rows, R row);
}
