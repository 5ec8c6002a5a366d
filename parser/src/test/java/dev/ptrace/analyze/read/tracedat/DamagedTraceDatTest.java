package dev.ptrace.analyze.read.tracedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.read.BinaryFormat;
import dev.ptrace.analyze.read.BinaryInput;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData.CollectingSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace.dat cut or damaged is read as far as it goes, the damage named with its byte offset;
 * --strict stops there; what cannot be read at all is one error naming the byte; nothing that
 * is not trace-cmd's layout crashes the reader.
 */
class DamagedTraceDatTest {
    /** inversion.v6.dat: CPU 1's data runs from byte 2,060,288 to the end (2,273,280). */
    private static final int INSIDE_CPU1 = 2_200_003;

    @TempDir
    Path tmp;

    private static byte[] capture(String name) throws IOException {
        Path p = TraceDatMatchesTraceCmdReportTest.dir().resolve(name);
        if (!name.endsWith(".gz")) {
            return Files.readAllBytes(p);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    private static IngestResult ingest(Path file, boolean strict) {
        try (Database db = Database.inMemory()) {
            return new TraceIngester(db).ingest(file.toString(), strict);
        }
    }

    @Test
    void aFileCutInsideACpusPagesKeepsTheEventsBeforeAndCountsTheCut() throws IOException {
        byte[] whole = capture("inversion.v6.dat.gz");
        IngestResult all = ingest(Files.write(tmp.resolve("whole.dat"), whole), true);
        Path cut = Files.write(tmp.resolve("cut.dat"), Arrays.copyOf(whole, INSIDE_CPU1));
        IngestResult some = ingest(cut, false);
        assertEquals(1L, some.skippedByReason().get(SkipReason.TRUNCATED_INPUT));
        assertEquals(INSIDE_CPU1, some.examples().get(0).line());
        assertTrue(some.events() > 1000 && some.events() < all.events(), some.toString());
        InputException e = assertThrows(InputException.class, () -> ingest(cut, true));
        assertTrue(e.where().startsWith(cut + ": at byte " + INSIDE_CPU1 + ": expected CPU 1's "
                + "data whole"), e.where());
    }

    @Test
    void aVersion7FileCutBeforeItsOptionsIsOneErrorNamingWhereTheyShouldBe() throws IOException {
        byte[] whole = capture("inversion.v7-zstd.dat");
        long options = ByteBuffer.wrap(whole, 0, 64).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong(29);
        Path cut = Files.write(tmp.resolve("cut.dat"), Arrays.copyOf(whole, 120_000));
        InputException e = assertThrows(InputException.class, () -> ingest(cut, false));
        assertEquals(cut + ": at byte " + options + ": expected a section header of 16 bytes "
                + "inside the file, found 0 bytes left", e.where());
    }

    @Test
    void anUnknownVersionOrAPipeIsOneClearError() throws IOException {
        byte[] later = capture("lost.v7-zstd.dat");
        later[10] = '8';
        InputException e = assertThrows(InputException.class,
                () -> ingest(Files.write(tmp.resolve("v8.dat"), later), false));
        assertTrue(e.where().endsWith("at byte 10: expected trace.dat version 6 or 7, found '8'"),
                e.where());
        byte[] v7 = capture("lost.v7-zstd.dat");
        BinaryInput pipe = new BinaryInput("pipe.dat", BinaryFormat.TRACE_CMD_DAT,
                ByteBuffer.wrap(v7), Channels.newChannel(new ByteArrayInputStream(v7)), null, null);
        InputException p = assertThrows(InputException.class, () -> new TraceDatReader()
                .read(pipe, new CollectingSink(), ProblemLog.forBinary("pipe.dat", false)));
        assertTrue(p.where().contains("found one on a pipe"), p.where());
    }

    @Test
    void randomBytesInThePagesNeverCrashTheReader() throws IOException {
        for (String name : new String[] {"inversion.v6.dat.gz", "inversion.v7-zstd.dat"}) {
            byte[] damaged = capture(name);
            // CPU 0's ring-buffer pages (v6), CPU 1's compressed chunks (v7)
            int from = name.contains("v6") ? 2_035_712 : 135_168;
            Random random = new Random(25);
            for (int i = 0; i < 20; i++) {
                int at = from + random.nextInt(20_000);
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, damaged, at, noise.length);
            }
            IngestResult r = ingest(Files.write(tmp.resolve("noisy.dat"), damaged), false);
            assertTrue(r.events() > 0, name + ": " + r);
            assertTrue(r.skippedLines() > 0, name + ": " + r);
        }
    }
}
