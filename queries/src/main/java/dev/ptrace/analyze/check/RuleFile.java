package dev.ptrace.analyze.check;

import dev.ptrace.analyze.read.InputException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule from its {@code .sql} file: a header of {@code -- key: value} comment lines
 * (rule, description, severity, threshold, enabled), then the query. Other comment lines are
 * the author's and are kept in the query.
 */
public final class RuleFile {
    private static final Set<String> KEYS = Set.of("rule", "description", "severity",
            "threshold", "enabled");

    private RuleFile() {
    }

    public static Rule parse(String source, String text) {
        Map<String, String> header = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("--")) {
                break;
            }
            String body = line.substring(2).strip();
            int colon = body.indexOf(':');
            String key = colon < 0 ? "" : body.substring(0, colon).strip().toLowerCase(
                    Locale.ROOT);
            if (KEYS.contains(key)) {
                if (header.put(key, body.substring(colon + 1).strip()) != null) {
                    throw new InputException(source, i + 1, "'" + key + "' given twice");
                }
            }
        }
        for (String required : new String[] {"rule", "threshold"}) {
            if (!header.containsKey(required)) {
                throw new InputException(source, 1, "a rule file starts with '-- "
                        + required + ": ...' among its header lines (rule, description, "
                        + "severity, threshold, enabled)");
            }
        }
        Rule.Severity severity;
        try {
            severity = Rule.Severity.valueOf(header.getOrDefault("severity", "error")
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(source, 1, "severity: expected error or warning, found '"
                    + header.get("severity") + "'");
        }
        Threshold threshold;
        try {
            threshold = Threshold.parse(header.get("threshold"));
        } catch (IllegalArgumentException e) {
            throw new InputException(source, 1, e.getMessage());
        }
        String enabled = header.getOrDefault("enabled", "true");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new InputException(source, 1, "enabled: expected true or false, found '"
                    + enabled + "'");
        }
        return new Rule(header.get("rule"), header.getOrDefault("description", ""), severity,
                threshold, enabled.equals("true"), text, source);
    }
}
