package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table the ingest writes, and the analysis tables: the public interface of the tool,
 * defined once in tables.tsv (names, types, order and docs) and documented in docs/schema.md
 * (generated from it, checked by a test). Names are stable.
 */
public final class Tables {
    private static final Definitions DEFINITIONS = Definitions.load();

    /** Columns every event table starts with, in this order. */
    public static final List<Column> EVENT_COLUMNS = DEFINITIONS.common;

    public static final TableDef SCHEMA_INFO = table("schema_info");
    public static final TableDef TRACES = table("traces");
    public static final TableDef TRACE_METADATA = table("trace_metadata");
    public static final TableDef STATS = table("stats");
    public static final TableDef INGEST_PROBLEMS = table("ingest_problems");
    public static final TableDef DERIVATIONS = table("derivations");
    public static final TableDef STACK_FRAMES = table("stack_frames");
    public static final TableDef SCHED_SWITCH = table("sched_switch");
    public static final TableDef SCHED_WAKEUP = table("sched_wakeup");
    public static final TableDef LOCK_CONTENTION = table("lock_contention");
    public static final TableDef MMAP_LOCK = table("mmap_lock");
    public static final TableDef SYSCALLS = table("syscalls");
    public static final TableDef SAMPLES = table("samples");
    public static final TableDef OTHER_EVENTS = table("other_events");
    public static final TableDef BPFTRACE_MAPS = table("bpftrace_maps");
    public static final TableDef BPFTRACE_HISTOGRAMS = table("bpftrace_histograms");
    public static final TableDef TEXT_LINES = table("text_lines");
    public static final TableDef THREADS = table("threads");
    public static final TableDef LOCKS = table("locks");
    public static final TableDef WAITS = table("waits");
    public static final TableDef HOLDS = table("holds");
    public static final TableDef THREAD_STATES = table("thread_states");
    public static final TableDef BLAME = table("blame");
    public static final TableDef HOLD_CAUSES = table("hold_causes");
    public static final TableDef FINDINGS = table("findings");
    public static final TableDef FINDING_FIGURES = table("finding_figures");
    public static final TableDef INVERSIONS = table("inversions");
    public static final TableDef CHAINS = table("chains");
    public static final TableDef CHAIN_MEMBERS = table("chain_members");
    public static final TableDef CONTENTION = table("contention");
    public static final TableDef ATTRIBUTION = table("attribution");
    public static final TableDef METRICS = table("metrics");

    /** The event tables: one row per event, the common columns first. */
    public static final List<TableDef> EVENT_TABLES = DEFINITIONS.group("event");

    /** Tables the analysis module derives from the event tables after each ingest. */
    public static final List<TableDef> DERIVED_TABLES = DEFINITIONS.group("derived");

    /**
     * The analyses rules and queries read besides the tables written at ingest: worked out per
     * trace on first use and kept (see {@link Provenance}).
     */
    public static final List<TableDef> ANALYSIS_TABLES = DEFINITIONS.group("analysis");

    private Tables() {
    }

    /** Every table, in creation order. */
    public static List<TableDef> all() {
        return List.copyOf(DEFINITIONS.tables.values());
    }

    private static TableDef table(String name) {
        TableDef t = DEFINITIONS.tables.get(name);
        if (t == null) {
            throw new IllegalStateException("tables.tsv: no table " + name);
        }
        return t;
    }

    /** tables.tsv read: the tables in order, each with its group. */
    private record Definitions(List<Column> common, Map<String, TableDef> tables,
                               Map<String, String> groups) {
        static Definitions load() {
            TsvTable tsv = TsvTable.resource(Tables.class, "tables.tsv");
            int table = tsv.column("table");
            int group = tsv.column("group");
            int column = tsv.column("column");
            int type = tsv.column("type");
            int doc = tsv.column("doc");
            Map<String, String> groups = new LinkedHashMap<>();
            Map<String, String> docs = new LinkedHashMap<>();
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            for (List<String> row : tsv.rows()) {
                String name = row.get(table);
                if (row.get(column).isEmpty()) {
                    groups.put(name, row.get(group));
                    docs.put(name, row.get(doc));
                    columns.put(name, new ArrayList<>());
                } else {
                    columns.get(name).add(new Column(row.get(column), row.get(type),
                            row.get(doc)));
                }
            }
            List<Column> common = List.copyOf(columns.remove("events"));
            groups.remove("events");
            Map<String, TableDef> tables = new LinkedHashMap<>();
            columns.forEach((name, own) -> {
                List<Column> all = new ArrayList<>();
                if (groups.get(name).equals("event")) {
                    all.addAll(common);
                }
                all.addAll(own);
                tables.put(name, new TableDef(name, docs.get(name), List.copyOf(all)));
            });
            return new Definitions(common, tables, groups);
        }

        List<TableDef> group(String name) {
            return tables.values().stream().filter(t -> groups.get(t.name()).equals(name))
                    .toList();
        }
    }
}
