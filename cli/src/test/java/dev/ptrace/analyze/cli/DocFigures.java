package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.PerfLockOracle.Time;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the doc-figure tests share: the docs, their examples, the tool's printed figures. */
final class DocFigures {
    static final Path DOCS = TestData.dir().resolveSibling("docs");
    /** A printed duration: {@code 247.79 ms}. */
    static final String TIME = "([\\d.]+ (?:s|ms|us|ns))";

    private DocFigures() {
    }

    /**
     * The example of {@code doc} that begins with the line starting {@code first}: each of its
     * lines is a line of {@code out}; one cut with "..." is a line starting with what comes
     * before and ending with what comes after; a line of "..." alone stands for lines left out.
     */
    static void docShowsOutput(String doc, String first, String out) throws Exception {
        List<String> lines = Files.readAllLines(DOCS.resolve(doc));
        int start = 0;
        while (!lines.get(start).startsWith(first)) {
            start++;
        }
        List<String> printed = out.lines().toList();
        for (String line : lines.subList(start, lines.size())) {
            if (line.equals("```")) {
                return;
            }
            if (line.strip().equals("...")) {
                continue;
            }
            int cut = line.indexOf("...");
            String before = cut < 0 ? line : line.substring(0, cut).stripTrailing();
            String after = cut < 0 ? "" : line.substring(cut + 3).strip();
            assertTrue(printed.stream().anyMatch(p -> cut < 0 ? p.equals(line)
                    : p.startsWith(before) && p.endsWith(after)), doc + " shows a line the "
                    + "command does not print:\n" + line + "\n--- printed:\n" + out);
        }
    }

    /** The doc's text with each run of blanks and line breaks one blank. */
    static String docText(String doc) throws Exception {
        return Files.readString(DOCS.resolve(doc)).replaceAll("\\s+", " ");
    }

    /**
     * The output's blocks, each from a line starting {@code head} to the next such line or
     * blank line.
     */
    static List<List<String>> blocks(String out, String head) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> open = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith(head)) {
                open = new ArrayList<>();
                blocks.add(open);
            }
            if (line.isBlank()) {
                open = null;
            } else if (open != null) {
                open.add(line);
            }
        }
        return blocks;
    }

    static Matcher match(String regex, String line) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertTrue(m.matches(), "expected " + regex + "\n     got " + line);
        return m;
    }

    static void assertCovers(long ns, String printed, String line) {
        assertTrue(Time.of(printed).covers(ns, 0), ns + " ns from the raw lines, printed "
                + printed + ": " + line);
    }
}
