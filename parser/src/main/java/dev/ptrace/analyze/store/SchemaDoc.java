package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.List;

/** The tables section of docs/schema.md, generated from {@link Tables} and stats.tsv. */
public final class SchemaDoc {
    public static final String BEGIN = "<!-- generated tables: begin (SchemaDoc, do not edit) -->";
    public static final String END = "<!-- generated tables: end -->";

    private SchemaDoc() {
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n");
        for (TableDef t : Tables.all()) {
            md.append("\n### ").append(t.name()).append("\n\n").append(t.doc()).append("\n\n");
            md.append("| column | type | meaning |\n|---|---|---|\n");
            for (Column c : t.columns()) {
                md.append("| ").append(c.name()).append(" | ").append(c.type()).append(" | ")
                        .append(c.doc().replace("|", "\\|")).append(" |\n");
            }
        }
        md.append("\n### stats counters\n\n| name | counts |\n|---|---|\n");
        TsvTable stats = TsvTable.resource(SchemaDoc.class, "stats.tsv");
        for (List<String> row : stats.rows()) {
            md.append("| ").append(row.get(stats.column("name"))).append(" | ")
                    .append(row.get(stats.column("description"))).append(" |\n");
        }
        return md.append("\n").append(END).append("\n").toString();
    }
}
