package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.locks.BlameRow;
import dev.ptrace.analyze.analysis.locks.BlameRowWriter;
import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chains read blame without its derived columns (the sort of a trace's pieces carries
 * fewer), working duration_ns and blamed_ns out as the replay did: every piece they read is
 * the blame row stored, all of its columns, in the order of begin.
 */
class BlamePiecesTest {
    static Stream<Path> traces() {
        // the bench capture's 500,176 pieces span many vectors, which DuckDB sorts and hands
        // on in parallel: the order must hold across them
        return Stream.of(TestData.trace("perf-inversion.txt.gz"),
                TestData.benchCapture("churn-1.5s.perf.txt.gz"));
    }

    @ParameterizedTest
    @MethodSource("traces")
    void everyPieceReadIsTheStoredBlameRowWholeInOrderOfBegin(Path trace) throws Exception {
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.shipped())).ingest(trace.toString(), true);
            List<BlameRow> stored;
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery(
                         "SELECT * FROM blame ORDER BY begin_ts, wait_id, rowid")) {
                stored = TableRows.of(Tables.BLAME, BlameRow.class, BlameRowWriter::write)
                        .read(rs);
            }
            List<BlameRow> read = new ArrayList<>();
            try (BlamePieces pieces = new BlamePieces(db.connection(), 1)) {
                for (BlameRow p; (p = pieces.next()) != null; ) {
                    read.add(p);
                }
            }
            assertTrue(stored.size() > 50, stored.size() + " pieces");
            assertEquals(stored, read);
        }
    }
}
