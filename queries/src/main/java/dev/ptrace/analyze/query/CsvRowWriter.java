package dev.ptrace.analyze.query;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** RFC 4180 CSV with a header line; NULL is an empty field. */
public final class CsvRowWriter implements RowWriter {
    private final PrintWriter out;
    private CSVPrinter csv;

    public CsvRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(List<String> columns) {
        try {
            csv = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get().print(out);
            csv.printRecord(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(List<Object> values) {
        try {
            csv.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
