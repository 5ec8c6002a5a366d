package dev.ptrace.analyze.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.check.RuleSet;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.report.TraceReport;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import dev.ptrace.analyze.store.ToolVersion;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Derived rows are worked out once per trace and kept in the database with their provenance
 * (the derivations table): a later command reads them instead of working them out again,
 * another version derives them again, a read-only database works them out for the command.
 */
class KeptDerivationsTest {
    private static final String FINDINGS = "SELECT rank, scenario, title, saved_ns FROM findings "
            + "ORDER BY trace_id, rank";

    @TempDir
    Path dir;
    private Path db;
    private Instant ingestedFrom;

    @BeforeEach
    void ingest() {
        db = dir.resolve("t.duckdb");
        ingestedFrom = Instant.now();
        try (Workspace w = Workspace.create(db)) {
            w.ingest(TestData.trace("perf-inversion.txt.gz").toString(), true);
        }
    }

    @Test
    void aSecondCommandReadsTheKeptRowsAndWorksNothingOutAgain() throws Exception {
        List<Map<String, Object>> findings;
        TraceAnalysis.CheckResult first;
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            first = a.check(RuleSet.builtIn());
            findings = a.query(FINDINGS);
            assertEquals(Map.of("chains@1", 1, "findings@1", 1, "inversions@1", 1),
                    a.derivations().runs());
            // what was stored is what the facade worked out
            assertEquals(a.findings(1).stream().map(f -> f.title()).toList(),
                    findings.stream().map(r -> r.get("title")).toList());
        }
        assertFalse(findings.isEmpty(), "perf-inversion has findings");
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            TraceAnalysis.CheckResult again = a.check(RuleSet.builtIn());
            assertEquals(findings, a.query(FINDINGS));
            assertEquals(Map.of(), a.derivations().runs(), "nothing worked out again");
            assertEquals(first.summary(), again.summary());
        }
    }

    @Test
    void aReportOnADatabaseKeepsWhatItShowedForTheCommandsAfterIt() throws Exception {
        List<String> titles;
        int chains;
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            TraceReport report = a.report(1);
            titles = report.findings().stream().map(f -> f.title()).toList();
            chains = a.chains(1).size();
        }
        assertFalse(titles.isEmpty(), "perf-inversion has findings");
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            a.check(RuleSet.builtIn());
            assertEquals(titles, a.query("SELECT title FROM findings ORDER BY rank").stream()
                    .map(r -> r.get("title")).toList());
            assertEquals((long) chains, a.query("SELECT count(*) AS n FROM chains").get(0)
                    .get("n"));
            a.query("SELECT count(*) FROM attribution");
            assertEquals(Map.of(), a.derivations().runs(), "the report's rows were kept");
        }
    }

    @Test
    void eachDerivationSaysWhatItReadAndWroteByWhichVersionAndWhen() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            a.query("SELECT count(*) FROM chains");
            Instant before = Instant.now();
            a.query("SELECT count(*) FROM contention");
            List<Map<String, Object>> rows = a.query("SELECT * FROM derivations "
                    + "ORDER BY derived_at");
            assertEquals(List.of("replay", "chains", "contention"),
                    rows.stream().map(r -> r.get("unit")).toList());
            assertEquals(names(Tables.DERIVED_TABLES), rows.get(0).get("outputs"));
            assertEquals("chains,chain_members", rows.get(1).get("outputs"));
            assertEquals("contention", rows.get(2).get("outputs"));
            assertTrue(((String) rows.get(0).get("inputs")).contains("lock_contention"));
            assertTrue(((String) rows.get(1).get("inputs")).contains("blame"));
            for (Map<String, Object> r : rows) {
                assertEquals(ToolVersion.current(), r.get("tool_version"));
                assertEquals(1, r.get("trace_id"));
                Instant at = ((Timestamp) r.get("derived_at")).toInstant();
                assertFalse(at.isBefore(ingestedFrom.minusMillis(1)), r.toString());
            }
            assertFalse(((Timestamp) rows.get(2).get("derived_at")).toInstant()
                    .isBefore(before.minusMillis(1)));
            // rows: what each wrote, counted here table by table
            assertEquals(count(a, Tables.DERIVED_TABLES), rows.get(0).get("rows"));
            assertEquals(count(a, List.of(Tables.CHAINS, Tables.CHAIN_MEMBERS)),
                    rows.get(1).get("rows"));
            assertEquals(count(a, List.of(Tables.CONTENTION)), rows.get(2).get("rows"));
        }
    }

    @Test
    void rowsOfAnotherVersionAreDerivedAgainAndReplaced() throws Exception {
        List<Map<String, Object>> findings;
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            findings = a.query(FINDINGS);
        }
        // as an older version would have left them: other rows, another version
        try (Database d = Database.openExisting(db);
             Statement st = d.connection().createStatement()) {
            st.execute("UPDATE findings SET title = 'stale' WHERE rank = 1");
            st.execute("UPDATE derivations SET tool_version = '0.0.1' WHERE unit = 'findings'");
        }
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            assertEquals(findings, a.query(FINDINGS));
            assertEquals(Map.of("chains@1", 1, "findings@1", 1), a.derivations().runs());
            assertEquals(List.of(Map.of("n", 1L, "v", ToolVersion.current())),
                    a.query("SELECT count(*) AS n, max(tool_version) AS v FROM derivations "
                            + "WHERE unit = 'findings'"));
        }
    }

    @Test
    void aReadOnlyDatabaseWorksThemOutForTheCommandAndKeepsNothing() throws Exception {
        long chains;
        try (TraceAnalysis a = TraceAnalysis.over(Workspace.existing(db, true))) {
            chains = (Long) a.query("SELECT count(*) AS n FROM chains").get(0).get("n");
            assertEquals(Map.of("chains@1", 1), a.derivations().runs());
            a.query("SELECT count(*) AS n FROM chains");
            assertEquals(Map.of("chains@1", 1), a.derivations().runs(), "once per command");
        }
        assertTrue(chains > 0, "perf-inversion has wait chains");
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            assertEquals(List.of("replay"), a.query("SELECT unit FROM derivations").stream()
                    .map(r -> r.get("unit")).toList());
            assertEquals(chains, a.query("SELECT count(*) AS n FROM chains").get(0).get("n"));
            assertEquals(Map.of("chains@1", 1), a.derivations().runs(), "now kept");
        }
    }

    private static String names(List<TableDef> tables) {
        return tables.stream().map(TableDef::name).collect(Collectors.joining(","));
    }

    private static long count(TraceAnalysis a, List<TableDef> tables) throws Exception {
        long n = 0;
        for (TableDef t : tables) {
            n += (Long) a.query("SELECT count(*) AS n FROM " + t.name() + " WHERE trace_id = 1")
                    .get(0).get("n");
        }
        return n;
    }
}
