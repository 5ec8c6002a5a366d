package dev.ptrace.analyze.read.perfdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.store.TraceIngester;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A perf.data cut or damaged is read as far as it goes, the damage named with its byte
 * offset; --strict stops there; nothing that is not a perf.data layout crashes the reader.
 */
class DamagedPerfDataTest {
    @TempDir
    Path tmp;

    private static byte[] capture(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                PerfDataMatchesPerfScriptTest.dir().resolve(name)))) {
            return in.readAllBytes();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static IngestResult ingest(Path file, boolean strict) {
        try (Database db = Database.inMemory()) {
            return new TraceIngester(db).symbols(PerfDataMatchesPerfScriptTest.sources())
                    .ingest(file.toString(), strict);
        }
    }

    @Test
    void aPipeCutInsideARecordKeepsTheRecordsBeforeAndCountsTheCut() throws IOException {
        byte[] whole = capture("madvise.pipe.perf.data.gz");
        IngestResult all = ingest(write("whole.data", whole), true);
        // 300,003 bytes: 3 bytes into the record that starts at 300,000 (a record boundary)
        IngestResult cut = ingest(write("cut.data", Arrays.copyOf(whole, 300_003)), false);
        assertEquals(1L, cut.skippedByReason().get(SkipReason.TRUNCATED_INPUT));
        assertEquals(300_000, cut.examples().get(0).line());
        assertTrue(cut.events() > 1000 && cut.events() < all.events(), cut.toString());
        InputException e = assertThrows(InputException.class,
                () -> ingest(tmp.resolve("cut.data"), true));
        assertTrue(e.where().startsWith(tmp.resolve("cut.data") + ": at byte 300000: "),
                e.where());
    }

    @Test
    void aFileCutBeforeItsFeaturesKeepsItsSamplesAndSaysWhatIsMissing() throws IOException {
        IngestResult cut = ingest(write("cut.data", Arrays.copyOf(
                capture("inversion.perf.data.gz"), 1_000_000)), false);
        // two: the header without sizes or features, and the last record cut
        assertEquals(2L, cut.skippedByReason().get(SkipReason.TRUNCATED_INPUT));
        assertTrue(cut.examples().get(0).message().contains("features"), cut.toString());
        // without the event formats the tracepoints are named, counted and not decoded
        assertTrue(cut.skippedByReason().get(SkipReason.UNDECODED_EVENT) > 1000);
        assertTrue(cut.events() > 0, "the cpu-clock samples need no format");
    }

    @Test
    void aHeaderThatNamesSectionsOutsideTheFileIsOneClearError() throws IOException {
        byte[] damaged = capture("inversion.perf.data.gz");
        Arrays.fill(damaged, 24, 32, (byte) 0x7f); // the attrs section's offset
        InputException e = assertThrows(InputException.class,
                () -> ingest(write("bad.data", damaged), false));
        assertTrue(e.where().contains("found the file " + damaged.length + " bytes long"),
                e.where());
        InputException shortOne = assertThrows(InputException.class,
                () -> ingest(write("short.data", Arrays.copyOf(damaged, 50)), false));
        assertTrue(shortOne.where().endsWith("expected a perf.data header of 104 bytes, "
                + "found a file of 50"), shortOne.where());
    }

    @Test
    void randomBytesInTheDataSectionNeverCrashTheReader() throws IOException {
        byte[] damaged = capture("inversion.perf.data.gz");
        java.util.Random random = new java.util.Random(25);
        for (int i = 0; i < 20; i++) {
            int at = 2000 + random.nextInt(damaged.length / 2);
            byte[] noise = new byte[1 + random.nextInt(64)];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, damaged, at, noise.length);
        }
        IngestResult r = ingest(write("noisy.data", damaged), false);
        assertTrue(r.events() > 0, r.toString());
        assertTrue(r.skippedLines() > 0, r.toString());
    }
}
