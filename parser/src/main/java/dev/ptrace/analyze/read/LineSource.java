package dev.ptrace.analyze.read;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.ZipException;

/**
 * The lines of one input with their numbers. The first lines can be looked at before reading
 * (format detection); read errors come out as {@link InputException} naming file and line.
 */
public final class LineSource implements Closeable {
    private final String name;
    private final BufferedReader reader;
    private final Deque<String> lookahead = new ArrayDeque<>();
    private long lineNumber;
    private long charsRead;

    public LineSource(String name, BufferedReader reader) {
        this.name = name;
        this.reader = reader;
    }

    public String name() {
        return name;
    }

    /** Number of the line last returned by {@link #next()}, 1-based; 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Characters read so far, line ends included: the progress through a decompressed input. */
    public long charsRead() {
        return charsRead;
    }

    /** The next line without its line end, or null at the end of the input. */
    public String next() {
        String line = lookahead.isEmpty() ? readRaw() : lookahead.removeFirst();
        if (line != null) {
            lineNumber++;
            charsRead += line.length() + 1;
        }
        return line;
    }

    /** Up to {@code n} lines from the current position, without consuming them. */
    public List<String> peek(int n) {
        while (lookahead.size() < n) {
            String line = readRaw();
            if (line == null) {
                break;
            }
            lookahead.addLast(line);
        }
        List<String> head = new ArrayList<>(Math.min(n, lookahead.size()));
        for (String line : lookahead) {
            if (head.size() == n) {
                break;
            }
            head.add(line);
        }
        return head;
    }

    private String readRaw() {
        long at = lineNumber + lookahead.size() + 1;
        try {
            return reader.readLine();
        } catch (EOFException e) {
            throw new InputException(name, at,
                    "compressed input ends early (truncated .gz?): " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new InputException(name, at, "corrupt compressed input: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(name, at, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
