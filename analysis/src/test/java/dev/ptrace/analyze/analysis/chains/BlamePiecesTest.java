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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chains read blame without its derived columns (the sort of a trace's pieces carries
 * fewer), working duration_ns and blamed_ns out as the replay did: every piece they read is
 * the blame row stored, all of its columns, in the order of begin.
 */
class BlamePiecesTest {
    @Test
    void everyPieceReadIsTheStoredBlameRowWholeInOrderOfBegin() throws Exception {
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.shipped()))
                    .ingest(TestData.trace("perf-inversion.txt.gz").toString(), true);
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
