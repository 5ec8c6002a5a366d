package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ptrace.analyze.knowledge.TsvTable;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks named by where their address lies, for waits no stack names: a struct page address
 * (ffffea...) is a split page-table lock where the trace shows the default memory layout
 * (another lock in the direct map at ffff888...), and nothing where the layout is randomized.
 */
class AddressRangesTest {
    @TempDir
    Path dir;

    @Test
    void aStructPageAddressIsAPageTableLockOnlyWhereTheDirectMapIsAtItsDefaultBase() {
        UnaryOperator<String> defaultLayout = AddressRanges.shipped().forTrace(List.of(
                "0xffffea0004a1b2c0", "0xffff88810006d838"));
        assertEquals("page-table lock", defaultLayout.apply("0xffffea0004a1b2c0"));
        assertNull(defaultLayout.apply("0xffff88810006d838"));
        UnaryOperator<String> randomized = AddressRanges.shipped().forTrace(List.of(
                "0xffffea0004a1b2c0", "0xffff9a4c0006d838"));
        assertNull(randomized.apply("0xffffea0004a1b2c0"));
    }

    /*
     * Thread 1401 of java 1400 waits 1000..1300 us on a lock at a struct page address with an
     * empty callchain (perf printed none), and 2000..2100 on a lock in the direct map whose
     * stack names nothing: the first is a page-table lock by its address, the second stays
     * unnamed.
     */
    private static final String TRACE = """
            java 1400/1401 [000] 1400.001000: lock:contention_begin: 0xffffea0004a1b2c0 \
            (flags=SPIN)

            java 1400/1401 [000] 1400.001300: lock:contention_end: 0xffffea0004a1b2c0 (ret=0)

            java 1400/1401 [000] 1400.002000: lock:contention_begin: 0xffff88810006d838 \
            (flags=SPIN)
            \tffffffff8226d9a9 _raw_spin_lock+0x29 ([kernel.kallsyms])
            \tffffffff81aa0010 some_driver_poll+0x10 ([kernel.kallsyms])

            java 1400/1401 [000] 1400.002100: lock:contention_end: 0xffff88810006d838 (ret=0)
            """;

    @Test
    void aWaitWithoutAStackOnAStructPageAddressIsNamedByTheRange() throws Exception {
        Path trace = dir.resolve("ranges.txt");
        Files.writeString(trace, TRACE);
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.shipped())).ingest(trace.toString(), true);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT lock_addr, name, name_source FROM locks "
                         + "ORDER BY lock_addr")) {
                rs.next();
                assertEquals("0xffff88810006d838", rs.getString(1));
                assertNull(rs.getString(2));
                rs.next();
                assertEquals("page-table lock", rs.getString(2));
                assertEquals("address range", rs.getString(3));
            }
        }
    }

    /**
     * The rule against a recording: a JVM pre-touching its heap (captures/perf-real-java-
     * parallelgc) waits on 379 locks at struct page addresses, and the functions that took
     * each (do_anonymous_page, __pte_offset_map_lock, ...) name every one a page-table lock.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "lock:contention_begin: (0xffffea[0-9a-f]+)");

    @Test
    void everyStructPageLockOfARealRecordingIsAPageTableLockByItsCallers() throws Exception {
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.shipped())).ingest(TestData.dir()
                    .resolve("captures/perf-real-java-parallelgc.txt.gz").toString(), true);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE name = "
                         + "'page-table lock' AND name_source LIKE 'caller %') FROM locks "
                         + "WHERE lock_addr LIKE '0xffffea%'")) {
                rs.next();
                // docs/findings.md: 379 page tables, the distinct struct page addresses the
                // raw trace's contention_begin lines print
                long addresses = TestData.rawLines(TestData.dir().resolve(
                        "captures/perf-real-java-parallelgc.txt.gz")).stream()
                        .map(ADDRESS::matcher).filter(Matcher::find)
                        .map(m -> m.group(1)).distinct().count();
                assertEquals(379, addresses);
                assertEquals(addresses, rs.getLong(1));
                assertEquals(addresses, rs.getLong(2));
            }
        }
    }

    @Test
    void everyRangeNamesAClassOfLockClassesTsv() {
        for (Map<String, String> r : TsvTable.resource(AddressRanges.class,
                "lock-address-ranges.tsv").records()) {
            assertNotNull(LockClasses.shipped().of(r.get("name")), r.toString());
        }
    }
}
