package dev.ptrace.analyze.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.knowledge.TextResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Mutation testing of the built-in rules' SQL, which PIT (Java bytecode) cannot mutate: each
 * comparison in a rule's query moved across its boundary ({@code >} and {@code >=}, {@code <}
 * and {@code <=}, {@code <>} and {@code =}), one at a time, must fail at least one of the rules'
 * own hand-worked tests ({@link HandWrittenCheckRulesTest}, run with the mutant in place of
 * the built-in rule). The comparison with the threshold itself (rule_outcome.sql) is held by
 * the tests of a value exactly at the threshold.
 */
class RuleSqlMutationTest {
    /** The system property that names the mutant rule file for the rules' tests. */
    static final String MUTANT = "ptrace.test.mutant-rule";
    private static final Pattern COMPARISON = Pattern.compile("<>|>=|<=|>|<");

    @TempDir
    Path dir;

    /** A comparison of a rule's query, its place and the text with it moved. */
    record Mutant(String rule, int line, String from, String to, String text) {
    }

    static List<Mutant> mutants() {
        List<Mutant> out = new ArrayList<>();
        for (String name : TextResource.load("/sql/rules/builtin.txt").split("\n")) {
            name = name.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            String[] lines = TextResource.load("/sql/rules/" + name).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith("--")) {
                    continue;
                }
                Matcher m = COMPARISON.matcher(lines[i]);
                while (m.find()) {
                    String to = switch (m.group()) {
                        case "<>" -> "=";
                        case ">=" -> ">";
                        case "<=" -> "<";
                        case ">" -> ">=";
                        default -> "<=";
                    };
                    String[] mutated = lines.clone();
                    mutated[i] = lines[i].substring(0, m.start()) + to
                            + lines[i].substring(m.end());
                    out.add(new Mutant(name, i + 1, m.group(), to, String.join("\n", mutated)));
                }
            }
        }
        return out;
    }

    /** The rules have comparisons to mutate: the minimums and the filter of blame's rows. */
    @Test
    void theBuiltInRulesHaveTheirComparisonsMutated() {
        assertEquals(List.of("mmap-lock-hold.sql:17 <>", "lock-wait-share.sql:17 >=",
                "lock-wait-share.sql:17 >="), mutants().stream()
                .map(m -> m.rule() + ":" + m.line() + " " + m.from()).toList());
    }

    @TestFactory
    Stream<DynamicTest> everyMutantFailsOneOfTheRulesOwnTests() {
        return mutants().stream().map(m -> DynamicTest.dynamicTest(m.rule() + ":" + m.line()
                + " " + m.from() + " -> " + m.to(), () -> {
                    Path file = dir.resolve(m.rule());
                    Files.writeString(file, m.text());
                    assertTrue(failuresWith(file) > 0, "no test of the rules fails with " + m);
                }));
    }

    private static long failuresWith(Path mutant) {
        System.setProperty(MUTANT, mutant.toString());
        try {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(HandWrittenCheckRulesTest.class))
                    .build(), summary);
            assertTrue(summary.getSummary().getTestsFoundCount() > 10);
            return summary.getSummary().getTotalFailureCount();
        } finally {
            System.clearProperty(MUTANT);
        }
    }
}
