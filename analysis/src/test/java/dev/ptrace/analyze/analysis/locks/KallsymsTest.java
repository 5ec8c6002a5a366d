package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Naming locks from a kallsyms file. The kernel the traces come from lists no data symbols
 * (no CONFIG_KALLSYMS_ALL), so the file here is made up, in /proc/kallsyms' format.
 */
class KallsymsTest {
    @TempDir
    Path dir;

    private Kallsyms kallsyms() throws Exception {
        Path f = dir.resolve("kallsyms");
        Files.writeString(f, String.join("\n",
                "ffffffff81000000 T _stext",
                "ffffffff831e3800 b vmap_area_lock",
                "ffffffff831e3818 b free_vmap_area_lock",
                "ffffffff83200000 D contig_page_data",
                "ffffffffc0a00000 d some_module_lock\t[some_module]",
                "not a symbol line"));
        return Kallsyms.read(f);
    }

    @Test
    void dataSymbolAtTheAddressNamesTheLock() throws Exception {
        assertEquals("free_vmap_area_lock", kallsyms().name("0xffffffff831e3818"));
        assertEquals("some_module_lock", kallsyms().name("0xffffffffc0a00000"));
    }

    @Test
    void lockInsideAGlobalIsNamedWithItsOffset() throws Exception {
        assertEquals("contig_page_data+0x1c0", kallsyms().name("0xffffffff832001c0"));
    }

    @Test
    void heapAddressesHashedPointersAndFarOffsetsAreNotNamed() throws Exception {
        Kallsyms k = kallsyms();
        assertNull(k.name("0xffff88810006d838"));
        assertNull(k.name("00000000bbf0df3b"));
        assertNull(k.name("0xffffffff83300000"));
        assertNull(k.name("0xffffffff81000010"), "text symbols are not locks");
    }

    @Test
    void kallsymsNameWinsOverTheCallerButNotOverMmapLock() throws Exception {
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.withKallsyms(kallsyms())))
                    .ingest(TestData.trace("perf-inversion.txt.gz").toString(), true);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT lock_addr, name, name_source FROM locks "
                         + "WHERE name_source IN ('kallsyms', 'mmap_lock events') ORDER BY 1")) {
                rs.next();
                assertEquals("mmap_lock", rs.getString(2));
                rs.next();
                assertEquals("free_vmap_area_lock", rs.getString(2));
                assertEquals("kallsyms", rs.getString(3));
            }
        }
    }
}
