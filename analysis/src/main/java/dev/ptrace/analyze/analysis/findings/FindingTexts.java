package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words of the findings (findings.tsv), with their {placeholders} filled. */
public final class FindingTexts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private final Map<String, List<String>> texts;

    private FindingTexts(Map<String, List<String>> texts) {
        this.texts = texts;
    }

    public static FindingTexts shipped() {
        TsvTable t = TsvTable.resource(FindingTexts.class, "findings.tsv");
        int scenario = t.column("scenario");
        int part = t.column("part");
        int text = t.column("text");
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (List<String> row : t.rows()) {
            texts.computeIfAbsent(row.get(scenario) + "/" + row.get(part),
                    k -> new ArrayList<>()).add(row.get(text));
        }
        return new FindingTexts(texts);
    }

    /** Every row of a part, filled; empty when the scenario has none. */
    public List<String> all(String scenario, String part, Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (String template : texts.getOrDefault(scenario + "/" + part, List.of())) {
            out.add(fill(template, values));
        }
        return out;
    }

    /** The one row of a part, filled. */
    public String one(String scenario, String part, Map<String, String> values) {
        List<String> rows = all(scenario, part, values);
        if (rows.size() != 1) {
            throw new IllegalStateException("findings.tsv: expected one " + part + " of "
                    + scenario + ", found " + rows.size());
        }
        return rows.get(0);
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("findings.tsv: no value for {" + m.group(1)
                        + "} in: " + template);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
