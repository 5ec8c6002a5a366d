package dev.ptrace.analyze.analysis.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.chains.TraceChains;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.FindingContext;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.analysis.findings.InversionWhatIf;
import dev.ptrace.analyze.analysis.findings.LongHoldWhatIf;
import dev.ptrace.analyze.analysis.findings.MallocThresholdWhatIf;
import dev.ptrace.analyze.analysis.findings.PageTableLockWhatIf;
import dev.ptrace.analyze.analysis.findings.SpinlockWhatIf;
import dev.ptrace.analyze.analysis.findings.UserLockWhatIf;
import dev.ptrace.analyze.analysis.findings.VmallocWhatIf;
import dev.ptrace.analyze.analysis.findings.WakeupLatencyWhatIf;
import dev.ptrace.analyze.analysis.findings.WhatIf;
import dev.ptrace.analyze.analysis.findings.WhatIfParameters;
import dev.ptrace.analyze.analysis.findings.ZeroingWhatIf;
import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.analysis.testing.AnalysedTraces;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the hand-written scenario tests share: a trace text ingested, rows to compare. */
final class HandTraces {
    /*
     * The model of each scenario, run alone: a scenario's test then runs only the model it is
     * about (the mutation tests run each test that reaches a mutated line, and every trace
     * reaches every model through the findings of all).
     */
    private static final Map<String, Supplier<WhatIf>> MODELS = Map.of(
            "mmap-threshold", MallocThresholdWhatIf::new, "long-hold", LongHoldWhatIf::new,
            "priority-inversion", InversionWhatIf::new, "spinlock", SpinlockWhatIf::new,
            "vmalloc", VmallocWhatIf::new, "zeroing", ZeroingWhatIf::new,
            "page-table-lock", PageTableLockWhatIf::new, "user-lock", UserLockWhatIf::new,
            "wakeup-latency", WakeupLatencyWhatIf::new);

    private HandTraces() {
    }

    /**
     * The traces ingested in this JVM by name and text, the 16 used last kept open: the mutation
     * tests run a scenario again for every mutant, and what they mutate (the models) only reads
     * the tables the ingest wrote.
     */
    private static final Map<String, Database> INGESTED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Database> eldest) {
            if (size() <= 16) {
                return false;
            }
            eldest.getValue().close();
            return true;
        }
    };

    /** A trace written by hand, ingested; closing it keeps it for the next run of its test. */
    record Ingested(Database db) implements AutoCloseable {
        Connection connection() {
            return db.connection();
        }

        @Override
        public void close() {
        }
    }

    /** {@code text} written to {@code dir/NAME.txt} and ingested strictly with the analysis. */
    static Ingested ingest(Path dir, String name, String text) throws IOException {
        synchronized (INGESTED) {
            String key = name + "\n" + text;
            Database db = INGESTED.get(key);
            if (db == null) {
                Path trace = dir.resolve(name + ".txt");
                Files.writeString(trace, text);
                db = Database.inMemory();
                try {
                    // strict: a line of these traces that the reader does not take is a typo here
                    new TraceIngester(db, List.of(LockAnalysis.shipped()))
                            .ingest(trace.toString(), true);
                } catch (RuntimeException e) {
                    db.close();
                    throw e;
                }
                INGESTED.put(key, db);
            }
            return new Ingested(db);
        }
    }

    /** A row of expected values; nulls allowed. */
    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static List<List<Object>> rows(Ingested db, String sql) throws SQLException {
        return AnalysedTraces.rows(db.db(), sql);
    }

    /**
     * What a finding tells the user: its title, evidence and prediction, every figure in them
     * worked out in the scenario's comment.
     */
    static void assertSays(Finding f, String title, List<String> evidence, String prediction) {
        assertEquals(title, f.title());
        assertEquals(evidence, f.evidence());
        assertEquals(prediction, f.prediction());
    }

    /** The findings of {@code scenario} in trace 1, from its model alone where it has one. */
    static List<Finding> findings(Ingested db, String scenario) throws SQLException {
        Supplier<WhatIf> model = MODELS.get(scenario);
        if (model == null) {
            return Findings.of(db.connection(), 1).stream()
                    .filter(f -> f.scenario().equals(scenario)).toList();
        }
        return model.get().find(Findings.context(new TraceChains(db.connection(), 1)));
    }

    /**
     * The findings of {@code scenario}'s model in trace 1 with other what-if parameters (a
     * threshold put exactly on a scenario's value).
     */
    static List<Finding> findings(Ingested db, String scenario, WhatIfParameters parameters)
            throws SQLException {
        FindingContext c = Findings.context(new TraceChains(db.connection(), 1));
        return MODELS.get(scenario).get().find(new FindingContext(c.conn(), c.traceId(),
                c.kernel(), c.chains(), c.classifier(), c.texts(), parameters));
    }
}
