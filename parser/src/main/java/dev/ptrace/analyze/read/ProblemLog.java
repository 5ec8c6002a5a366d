package dev.ptrace.analyze.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines the reader skipped: counted by reason, the first few kept as examples. In strict mode the
 * first problem stops the read with an {@link InputException}.
 */
public final class ProblemLog {
    public static final int EXAMPLES_KEPT = 100;
    private static final int TEXT_SHOWN = 200;

    private final String file;
    private final boolean strict;
    private final Map<SkipReason, Long> counts = new TreeMap<>();
    private final List<Problem> examples = new ArrayList<>();
    private long skippedLines;

    public ProblemLog(String file, boolean strict) {
        this.file = file;
        this.strict = strict;
    }

    /** Records that {@code lines} input lines starting at {@code line} were skipped. */
    public void skip(long line, SkipReason reason, String message, String text, long lines) {
        if (strict) {
            throw new InputException(file, line, message + found(text));
        }
        skippedLines += lines;
        counts.merge(reason, lines, Long::sum);
        if (examples.size() < EXAMPLES_KEPT) {
            examples.add(new Problem(line, reason.id(), message, shorten(text)));
        }
    }

    public void skip(long line, SkipReason reason, String message, String text) {
        skip(line, reason, message, text, 1);
    }

    public long skippedLines() {
        return skippedLines;
    }

    public Map<SkipReason, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public List<Problem> examples() {
        return Collections.unmodifiableList(examples);
    }

    private static String found(String text) {
        return text == null ? "" : ", found '" + shorten(text) + "'";
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.length() <= TEXT_SHOWN ? t : t.substring(0, TEXT_SHOWN) + "...";
    }
}
