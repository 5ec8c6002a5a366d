package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import java.util.Map;

/**
 * docs/schema.md, whole: the conventions and examples of schema-doc.md, then every table
 * generated from tables.tsv ({@link Tables}) and stats.tsv.
 */
public final class SchemaDoc {
    public static final String BEGIN = "<!-- generated tables: begin (SchemaDoc, do not edit) -->";
    public static final String END = "<!-- generated tables: end -->";

    private SchemaDoc() {
    }

    /** The whole page. */
    public static String document() {
        String template = TextResource.load("/dev/ptrace/analyze/store/schema-doc.md");
        template = template.substring(template.indexOf("-->\n") + 4);
        return template.replace("{version}", Integer.toString(Schema.VERSION))
                .replace("{derived}", Tables.DERIVED_TABLES.stream()
                        .map(t -> "`" + t.name() + "`")
                        .collect(java.util.stream.Collectors.joining(", ")))
                .replace("{tables}", markdown());
    }

    /** The generated tables section. */
    public static String markdown() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n");
        Tables.all().forEach(t -> table(md, t));
        md.append("\n### stats counters\n\n| name | counts |\n|---|---|\n");
        for (Map.Entry<String, String> c : StatCounters.all()) {
            md.append("| ").append(c.getKey()).append(" | ").append(c.getValue())
                    .append(" |\n");
        }
        md.append("\n## Analysis tables (check rules, sql)\n\nWorked out per trace when a "
                + "`check` rule or a query (`sql`, the Java API's `query`)\nnames one, each "
                + "result once, as temporary tables of the connection (a database\nfile is "
                + "not changed); read like the stored tables.\n");
        Tables.ANALYSIS_TABLES.forEach(t -> table(md, t));
        md.append("\n## Shared SQL concepts\n\nTable macros every connection of the tool "
                + "defines (sql/concepts.tsv; temporary, so\na database file is not changed): "
                + "findings, their queries and rules read them by name, and\nso can `sql`.\n\n");
        SqlConcepts.documented().forEach(c -> md.append("- `").append(c.getKey())
                .append("`: ").append(c.getValue()).append("\n"));
        return md.append("\n").append(END).append("\n").toString();
    }

    private static void table(StringBuilder md, TableDef t) {
        md.append("\n### ").append(t.name()).append("\n\n").append(t.doc()).append("\n\n");
        md.append("| column | type | meaning |\n|---|---|---|\n");
        for (Column c : t.columns()) {
            md.append("| ").append(c.name()).append(" | ").append(c.type()).append(" | ")
                    .append(c.doc().replace("|", "\\|")).append(" |\n");
        }
    }
}
