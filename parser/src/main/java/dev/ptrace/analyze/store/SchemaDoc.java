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
        Tables.all().stream().filter(t -> !Tables.ANALYSIS_TABLES.contains(t))
                .forEach(t -> table(md, t));
        md.append("\n### stats counters\n\n| name | counts |\n|---|---|\n");
        for (Map.Entry<String, String> c : StatCounters.all()) {
            md.append("| ").append(c.getKey()).append(" | ").append(c.getValue())
                    .append(" |\n");
        }
        md.append("\n## Analysis tables (check rules, sql, exports)\n\nWorked out per trace "
                + "on first use, when a `check` rule, a query (`sql`, the Java\nAPI's `query`) "
                + "or an export reads one, or by a report or diff of a database file\nfor the "
                + "results it worked out anyway; kept in the database with a row of\n"
                + "`derivations` saying what they were derived from, by which version and when; "
                + "a\nlater command reads the kept rows, and another version derives them "
                + "again. A\ndatabase opened read-only gets them for the one command only. "
                + "Read like the\nstored tables.\n");
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
