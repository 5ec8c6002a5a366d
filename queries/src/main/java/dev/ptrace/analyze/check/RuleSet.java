package dev.ptrace.analyze.check;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.read.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules a check runs: the built-in ones (resources under /rules, listed in builtin.txt),
 * then the user's files, a rule of the same name replacing the earlier one; then thresholds
 * set and rules switched off by name.
 */
public final class RuleSet {
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    private RuleSet() {
    }

    public static RuleSet empty() {
        return new RuleSet();
    }

    public static RuleSet builtIn() {
        RuleSet set = new RuleSet();
        for (String line : TextResource.load("/sql/rules/builtin.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                set.add(RuleFile.parse("built-in " + name,
                        TextResource.load("/sql/rules/" + name)));
            }
        }
        return set;
    }

    /** Adds the rules of a file (one rule per .sql file), or of every .sql file in a folder. */
    public RuleSet withFile(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (var files = Files.list(path)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".sql")).sorted()
                            .toList()) {
                        withFile(p);
                    }
                }
                return this;
            }
            add(RuleFile.parse(path.toString(), Files.readString(path,
                    StandardCharsets.UTF_8)));
            return this;
        } catch (IOException e) {
            throw new InputException(path.toString(), 0, "cannot read the rules file ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Re-thresholds a rule by name ({@code 200 ms}, {@code 30%}, {@code 500}). */
    public RuleSet withThreshold(String name, String threshold) {
        Rule r = named(name);
        try {
            rules.put(name, r.withThreshold(Threshold.parse(threshold)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--set " + name + ": " + e.getMessage());
        }
        return this;
    }

    public RuleSet without(String name) {
        rules.put(name, named(name).disabled());
        return this;
    }

    /** Every rule, switched-off ones included, in the order they were added. */
    public List<Rule> rules() {
        return new ArrayList<>(rules.values());
    }

    /**
     * Whether an enabled rule names {@code table} (as a word of its SQL): the analysis tables
     * that cost a computation are filled only for the rules that read them.
     */
    public boolean reads(String table) {
        return rules.values().stream().anyMatch(r -> r.enabled()
                && AnalysisTables.mentions(r.sql(), table));
    }

    private Rule named(String name) {
        Rule r = rules.get(name);
        if (r == null) {
            throw new UsageException("no rule named '" + name + "' (rules: "
                    + String.join(", ", rules.keySet()) + ")");
        }
        return r;
    }

    private void add(Rule r) {
        rules.remove(r.name());
        rules.put(r.name(), r);
    }
}
