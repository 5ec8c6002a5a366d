package dev.ptrace.analyze.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceInputTest {
    @TempDir
    Path tmp;

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path renamed = tmp.resolve("trace.txt");
        Files.copy(TestData.trace("perf-munmap.txt.gz"), renamed);
        try (LineSource in = TraceInput.open(renamed.toString())) {
            assertTrue(in.next().startsWith("wl "));
        }
    }

    @Test
    void concatenatedGzipMembersReadAsOneStream() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        for (String part : List.of("first line\n", "second line\n")) {
            try (GZIPOutputStream gz = new GZIPOutputStream(both) {
                @Override
                public void close() throws IOException {
                    finish();
                }
            }) {
                gz.write(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        Path f = tmp.resolve("two.gz");
        Files.write(f, both.toByteArray());
        try (LineSource in = TraceInput.open(f.toString())) {
            assertEquals("first line", in.next());
            assertEquals("second line", in.next());
            assertEquals(null, in.next());
        }
    }

    @Test
    void truncatedGzipReadWithoutAProblemLogFailsNamingFileAndLine() throws IOException {
        byte[] gz = Files.readAllBytes(TestData.trace("perf-munmap.txt.gz"));
        Path cut = tmp.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        InputException e = assertThrows(InputException.class, () -> {
            try (LineSource in = TraceInput.open(cut.toString())) {
                while (in.next() != null) {
                    // read to the end
                }
            }
        });
        assertTrue(e.line() > 1000, "line " + e.line());
        assertTrue(e.where().startsWith(cut + ":" + e.line() + ": a complete gzip stream, "
                + "found the end of the file inside it"), e.where());
    }

    @Test
    void truncatedGzipGivesEveryWholeLineBeforeTheCutAndCountsTheCutOnce() throws IOException {
        byte[] gz = Files.readAllBytes(TestData.trace("perf-munmap.txt.gz"));
        Path cut = tmp.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        List<String> whole;
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(
                        TestData.trace("perf-munmap.txt.gz"))), StandardCharsets.UTF_8))) {
            whole = r.lines().toList();
        }
        ProblemLog problems = new ProblemLog(cut.toString(), false);
        List<String> read = new java.util.ArrayList<>();
        try (LineSource in = TraceInput.open(cut.toString())) {
            in.reportTo(problems);
            for (String line; (line = in.next()) != null; ) {
                read.add(line);
            }
        }
        assertTrue(read.size() > 1000, "lines " + read.size());
        assertEquals(whole.subList(0, read.size()), read, "the lines before the cut, unchanged");
        assertEquals(java.util.Map.of(SkipReason.TRUNCATED_INPUT, 1L), problems.counts());
        assertEquals(read.size() + 1, problems.examples().get(0).line(), "the cut line");
    }

    @Test
    void bytesAfterTheLastGzipMemberAreCountedAndEverythingBeforeIsRead() throws IOException {
        byte[] gz = Files.readAllBytes(TestData.trace("perf-munmap.txt.gz"));
        Path f = tmp.resolve("garbage.txt.gz");
        byte[] withGarbage = Arrays.copyOf(gz, gz.length + 5);
        Files.write(f, withGarbage); // five zero bytes, as a padded copy leaves
        ProblemLog problems = new ProblemLog(f.toString(), false);
        long lines = 0;
        try (LineSource in = TraceInput.open(f.toString())) {
            in.reportTo(problems);
            while (in.advance()) {
                lines++;
            }
        }
        assertEquals(6067, lines);
        assertEquals(java.util.Map.of(SkipReason.TRAILING_GARBAGE, 1L), problems.counts());
    }

    @Test
    void binaryFileIsRefused() throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Path f = tmp.resolve("noise.bin");
        Files.write(f, noise);
        InputException e = assertThrows(InputException.class, () -> TraceInput.open(f.toString()));
        assertTrue(e.getMessage().startsWith("binary data"), e.getMessage());
    }

    @Test
    void perfDataFileGetsTheCommandThatConvertsIt() throws IOException {
        Path f = tmp.resolve("perf.data");
        Files.write(f, "PERFILE2\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        InputException e = assertThrows(InputException.class, () -> TraceInput.open(f.toString()));
        assertTrue(e.getMessage().contains("perf script -i"), e.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        InputException e = assertThrows(InputException.class,
                () -> TraceInput.open(tmp.resolve("nope.txt").toString()));
        assertEquals("no such file", e.getMessage());
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws IOException {
        Path f = tmp.resolve("latin1.txt");
        Files.write(f, "caf\u00e9 line\n".getBytes(StandardCharsets.ISO_8859_1));
        try (LineSource in = TraceInput.open(f.toString())) {
            assertEquals("caf\ufffd line", in.next());
        }
    }

    @Test
    void otherFormatIsRefusedNamingItsFirstLine() {
        List<String> head = List.of("", "{\"traceEvents\": []}");
        InputException e = assertThrows(InputException.class,
                () -> TraceFormat.detect("x.json", head));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("not a trace format this tool reads"),
                e.getMessage());
    }

    @Test
    void emptyInputIsRefused() {
        InputException e = assertThrows(InputException.class,
                () -> TraceFormat.detect("empty.txt", List.of()));
        assertEquals("empty input, no trace in it", e.getMessage());
    }
}
