package dev.ptrace.analyze.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the hostile-input corpus: damaged and odd copies of the real traces in testdata/, one
 * file per case, the same bytes on every run (fixed seeds). Uses the JDK only, so that
 * {@code scripts/hostile-corpus.sh} runs it as a source file:
 * {@code java HostileCorpus.java TESTDATA OUT}. The expected result of each case is in
 * {@code hostile-cases.tsv} next to the tests, and in docs/robustness.md's table.
 */
public final class HostileCorpus {
    /** The long-line case's line: 100 MB, the issue's figure. */
    static final int LONG_LINE = 100_000_000;
    private static final Pattern PERF_HEAD = Pattern.compile(
            "^(\\s*)(.+?) +(-?\\d+)(/-?\\d+)? +\\[(-?\\d+)\\] +(\\d+\\.\\d+):(.*)$");

    private final Path testdata;
    private final Path out;

    private HostileCorpus(Path testdata, Path out) {
        this.testdata = testdata;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java HostileCorpus.java TESTDATA_DIR OUT_DIR");
            System.exit(2);
        }
        for (Path p : write(Path.of(args[0]), Path.of(args[1])).values()) {
            System.out.printf("%,14d  %s%n", Files.size(p), p);
        }
    }

    /** Writes every case into {@code out}; returns the files by case name, in order. */
    public static Map<String, Path> write(Path testdata, Path out) throws IOException {
        Files.createDirectories(out);
        return new HostileCorpus(testdata, out).all();
    }

    private Map<String, Path> all() throws IOException {
        Map<String, Path> cases = new LinkedHashMap<>();
        byte[] perf = trace("traces/perf-munmap.txt.gz");
        byte[] ftrace = trace("traces/ftrace-inversion.txt.gz");
        byte[] bpftrace = trace("traces/bpftrace-contention.txt.gz");
        byte[] tracecmd = trace("traces/tracecmd-inversion.txt.gz");
        List<List<String>> blocks = perfBlocks(text(perf));

        cases.put("gzip-cut", file("perf-gzip-cut.txt.gz",
                Arrays.copyOf(gzip(perf), gzip(perf).length * 3 / 5)));
        cases.put("gzip-trailing-garbage", file("perf-gzip-trailing-garbage.txt.gz",
                concat(gzip(perf), randomBytes(4096, 1))));
        cases.put("gzip-members", file("perf-gzip-members.txt.gz", concat(
                gzip(Arrays.copyOf(perf, perf.length / 2)),
                gzip(Arrays.copyOfRange(perf, perf.length / 2, perf.length)))));
        cases.put("gzip-corrupt", file("perf-gzip-corrupt.txt.gz", corrupt(gzip(perf))));
        cases.put("binary", file("binary.bin", randomBytes(65536, 2)));
        cases.put("empty", file("empty.txt", new byte[0]));
        cases.put("perf-header-only", file("perf-header-only.txt",
                bytes(headerLines(text(trace("traces/perf-munmap-with-header.txt.gz"))))));
        cases.put("ftrace-header-only", file("ftrace-header-only.txt",
                bytes(headerLines(text(ftrace)))));
        cases.put("perf-crlf", file("perf-crlf.txt", crlf(perf)));
        cases.put("ftrace-crlf", file("ftrace-crlf.txt", crlf(ftrace)));
        cases.put("perf-invalid-utf8", file("perf-invalid-utf8.txt", invalidUtf8(perf)));
        cases.put("ftrace-invalid-utf8", file("ftrace-invalid-utf8.txt", invalidUtf8(ftrace)));
        cases.put("long-line", longLine(blocks));
        cases.put("out-of-order", file("perf-out-of-order.txt", bytes(join(outOfOrder(blocks)))));
        cases.put("duplicates", file("perf-duplicates.txt", bytes(join(everyNth(blocks, 20)))));
        cases.put("end-without-begin", file("perf-end-without-begin.txt",
                bytes(join(dropFirst(blocks, "lock:contention_begin:", 3)))));
        cases.put("begin-without-end", file("perf-begin-without-end.txt",
                bytes(join(dropLast(blocks, "lock:contention_end:", 3)))));
        cases.put("nested-begins", file("perf-nested-begins.txt",
                bytes(join(doubled(blocks, "lock:contention_begin:")))));
        cases.put("tid-reuse", file("perf-tid-reuse.txt", bytes(join(tidReuse(blocks)))));
        cases.put("huge-numbers", file("perf-huge-numbers.txt", bytes(join(hugeNumbers(blocks)))));
        cases.put("deep-stack", file("perf-deep-stack.txt", bytes(join(deepStack(blocks)))));
        cases.put("perf-odd-comm", file("perf-odd-comm.txt", bytes(join(oddComms(blocks)))));
        cases.put("ftrace-odd-comm", file("ftrace-odd-comm.txt", bytes(text(ftrace)
                .replace("wl-", "my wl:[x]-"))));
        cases.put("unknown-tracepoints", file("perf-unknown-tracepoints.txt",
                bytes(join(unknownTracepoints(blocks)))));
        cases.put("two-formats", file("two-formats.txt", concat(perf, ftrace)));
        cases.put("two-captures", file("two-captures.txt",
                concat(perf, trace("traces/perf-churn-dynamic.txt.gz"))));
        cases.put("two-machines", file("two-machines.txt", twoMachines()));
        cases.put("ftrace-cut", file("ftrace-cut.txt", Arrays.copyOf(ftrace,
                ftrace.length / 2 + 17)));
        cases.put("tracecmd-gzip-cut", file("tracecmd-gzip-cut.txt.gz",
                Arrays.copyOf(gzip(tracecmd), gzip(tracecmd).length / 2)));
        cases.put("bpftrace-garbage-lines", file("bpftrace-garbage-lines.txt",
                garbageLines(bpftrace)));
        return cases;
    }

    // --- cases that need more than one line of code

    /** A 100 MB line between two events, written without holding it in memory. */
    private Path longLine(List<List<String>> blocks) throws IOException {
        Path p = out.resolve("perf-long-line.txt");
        int half = blocks.size() / 2;
        try (OutputStream o = Files.newOutputStream(p)) {
            o.write(bytes(join(blocks.subList(0, half))));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int left = LONG_LINE; left > 0; left -= chunk.length) {
                o.write(chunk, 0, Math.min(left, chunk.length));
            }
            o.write('\n');
            o.write(bytes(join(blocks.subList(half, blocks.size()))));
        }
        return p;
    }

    /** Every 50th event swapped with the one after it: time goes back by microseconds. */
    private static List<List<String>> outOfOrder(List<List<String>> blocks) {
        List<List<String>> b = new ArrayList<>(blocks);
        for (int i = 1; i + 1 < b.size(); i += 50) {
            List<String> t = b.get(i);
            b.set(i, b.get(i + 1));
            b.set(i + 1, t);
        }
        return b;
    }

    private static List<List<String>> everyNth(List<List<String>> blocks, int n) {
        List<List<String>> b = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            b.add(blocks.get(i));
            if (i % n == n - 1) {
                b.add(blocks.get(i));
            }
        }
        return b;
    }

    private static List<List<String>> dropFirst(List<List<String>> blocks, String event, int n) {
        List<List<String>> b = new ArrayList<>();
        int dropped = 0;
        for (List<String> block : blocks) {
            if (dropped < n && block.get(0).contains(event)) {
                dropped++;
            } else {
                b.add(block);
            }
        }
        return b;
    }

    private static List<List<String>> dropLast(List<List<String>> blocks, String event, int n) {
        List<List<String>> reversed = new ArrayList<>(blocks);
        java.util.Collections.reverse(reversed);
        List<List<String>> b = dropFirst(reversed, event, n);
        java.util.Collections.reverse(b);
        return b;
    }

    private static List<List<String>> doubled(List<List<String>> blocks, String event) {
        List<List<String>> b = new ArrayList<>();
        for (List<String> block : blocks) {
            b.add(block);
            if (block.get(0).contains(event)) {
                b.add(block);
            }
        }
        return b;
    }

    /**
     * After the trace, a new process takes the thread id of the first thread: its events again,
     * 1 s after the end, under another name.
     */
    private static List<List<String>> tidReuse(List<List<String>> blocks) {
        String firstTid = head(blocks.get(0)).group(3);
        long end = micros(head(blocks.get(blocks.size() - 1)).group(6));
        long start = -1;
        List<List<String>> b = new ArrayList<>(blocks);
        for (List<String> block : blocks) {
            Matcher m = head(block);
            if (!m.group(3).equals(firstTid)) {
                continue;
            }
            long ts = micros(m.group(6));
            start = start < 0 ? ts : start;
            long moved = end + 1_000_000 + ts - start;
            b.add(withHead(block, m.group(1) + "newproc " + m.group(3)
                    + (m.group(4) == null ? "" : m.group(4)) + " [" + m.group(5) + "] "
                    + String.format("%d.%06d", moved / 1_000_000, moved % 1_000_000) + ":"
                    + m.group(7)));
        }
        return b;
    }

    /** Numbers no kernel prints, in the places numbers go. */
    private static List<List<String>> hugeNumbers(List<List<String>> blocks) {
        List<List<String>> b = new ArrayList<>(blocks);
        String[] damage = {
            "99999999999999999999.999999", // seconds beyond a long of nanoseconds
            "tid", "cpu", "payload", "address", "negative"};
        int at = 10;
        for (String what : damage) {
            List<String> block = new ArrayList<>(b.get(at));
            Matcher m = head(block);
            String ts = m.group(6);
            String headLine = switch (what) {
                case "tid" -> m.group(1) + m.group(2) + " 99999999999 [" + m.group(5) + "] "
                        + ts + ":" + m.group(7);
                case "cpu" -> m.group(1) + m.group(2) + " " + m.group(3) + " [4294967296] "
                        + ts + ":" + m.group(7);
                case "negative" -> m.group(1) + m.group(2) + " -5 [" + m.group(5) + "] "
                        + ts + ":" + m.group(7);
                case "payload" -> m.group(1) + m.group(2) + " " + m.group(3) + " ["
                        + m.group(5) + "] " + ts + ":"
                        + m.group(7).replaceAll("=\\d+", "=99999999999999999999999");
                case "address" -> block.get(0);
                default -> m.group(1) + m.group(2) + " " + m.group(3) + " [" + m.group(5)
                        + "] " + what + ":" + m.group(7);
            };
            block.set(0, headLine);
            if (what.equals("address") && block.size() > 1) {
                block.set(1, block.get(1).replaceFirst("[0-9a-f]{16}", "fffffffffffffffffff1"));
            }
            b.set(at, block);
            at += 40;
        }
        return b;
    }

    /** A contention_begin with 10,000 frames, its own frames repeated. */
    private static List<List<String>> deepStack(List<List<String>> blocks) {
        List<List<String>> b = new ArrayList<>(blocks);
        for (int i = 0; i < b.size(); i++) {
            List<String> block = b.get(i);
            if (block.get(0).contains("lock:contention_begin:")) {
                List<String> frames = block.subList(1, block.size() - 1);
                List<String> deep = new ArrayList<>();
                deep.add(block.get(0));
                for (int f = 0; f < 10_000; f++) {
                    deep.add(frames.get(f % frames.size()));
                }
                deep.add("");
                b.set(i, deep);
                break;
            }
        }
        return b;
    }

    /** Thread names with what separates fields elsewhere: colon, brackets, dashes, spaces. */
    private static List<List<String>> oddComms(List<List<String>> blocks) {
        String[] names = {"a:b c", "x [1]", "kworker/u8:2-ev", "my thread 12 [000]"};
        Map<String, String> byTid = new LinkedHashMap<>();
        List<List<String>> b = new ArrayList<>();
        for (List<String> block : blocks) {
            Matcher m = head(block);
            String name = byTid.computeIfAbsent(m.group(3), t -> names[byTid.size() % names.length]);
            b.add(withHead(block, m.group(1) + name + " " + block.get(0)
                    .substring(m.start(3))));
        }
        return b;
    }

    /** Events of subsystems and names the tool has no parser for. */
    private static List<List<String>> unknownTracepoints(List<List<String>> blocks) {
        List<List<String>> b = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            List<String> block = blocks.get(i);
            b.add(block);
            if (i % 100 == 50) {
                Matcher m = head(block);
                String prefix = block.get(0).substring(0, m.end(6)) + ":";
                b.add(List.of(prefix + "  xfs:xfs_ilock: dev 8:1 ino 0x1234 flags ILOCK_EXCL "
                        + "caller xfs_file_buffered_write", ""));
                b.add(List.of(prefix + "  mmap_lock:mmap_lock_new_in_7_2: mm=0xffff88810006bf38 "
                        + "what=unknown", ""));
            }
        }
        return b;
    }

    /**
     * A capture with perf's header (hostname vm), then another machine's: its own header
     * (hostname db-7) and a clock 8,000 s behind.
     */
    private byte[] twoMachines() throws IOException {
        String first = text(trace("traces/perf-munmap-with-header.txt.gz"));
        String header = String.join("\n", headerLines(first)).replace("hostname : vm",
                "hostname : db-7") + "\n";
        String second = text(trace("traces/perf-churn-dynamic.txt.gz"));
        StringBuilder shifted = new StringBuilder();
        Matcher m = Pattern.compile("(\\d+)\\.(\\d{6}):").matcher(second);
        while (m.find()) {
            long s = Long.parseLong(m.group(1)) - 8_000;
            m.appendReplacement(shifted, s + "." + m.group(2) + ":");
        }
        m.appendTail(shifted);
        return concat(bytes(first), bytes(header + shifted));
    }

    /** Lines of no format between bpftrace's records: half-written output, a stray message. */
    private static byte[] garbageLines(byte[] bpftrace) {
        String[] lines = text(bpftrace).split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(lines[i]);
            if (i < lines.length - 1) {
                sb.append('\n');
            }
            if (i % 60 == 30) {
                sb.append("99827665\n").append("@by_stack[\n").append("}}} not json {{{\n");
            }
        }
        return bytes(sb.toString());
    }

    /** Invalid UTF-8 in thread names, a NUL in a symbol name. */
    private static byte[] invalidUtf8(byte[] trace) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        String[] lines = text(trace).split("\n", -1);
        byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3};
        for (int i = 0; i < lines.length; i++) {
            byte[] line = bytes(lines[i]);
            int wl = lines[i].indexOf("wl");
            if (i % 7 == 3 && wl >= 0 && !lines[i].startsWith("\t") && !lines[i].startsWith("#")) {
                o.write(line, 0, wl + 1);
                o.writeBytes(bad);
                o.write(line, wl + 2, line.length - wl - 2);
            } else if (i % 11 == 5 && lines[i].contains("+0x")) {
                int plus = lines[i].indexOf("+0x");
                o.write(line, 0, plus - 1);
                o.write(0);
                o.write(line, plus, line.length - plus);
            } else {
                o.writeBytes(line);
            }
            if (i < lines.length - 1) {
                o.write('\n');
            }
        }
        return o.toByteArray();
    }

    // --- perf script events as blocks: the event line, its callchain lines, the blank line

    private static List<List<String>> perfBlocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            block.add(line);
            if (line.isEmpty()) {
                if (block.size() > 1 && PERF_HEAD.matcher(block.get(0)).matches()) {
                    blocks.add(block);
                }
                block = new ArrayList<>();
            }
        }
        return blocks;
    }

    private static Matcher head(List<String> block) {
        Matcher m = PERF_HEAD.matcher(block.get(0));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a perf script event line: " + block.get(0));
        }
        return m;
    }

    private static List<String> withHead(List<String> block, String head) {
        List<String> b = new ArrayList<>(block);
        b.set(0, head);
        return b;
    }

    private static long micros(String secs) {
        int dot = secs.indexOf('.');
        return Long.parseLong(secs.substring(0, dot)) * 1_000_000
                + Long.parseLong(secs.substring(dot + 1));
    }

    private static String join(List<List<String>> blocks) {
        StringBuilder sb = new StringBuilder();
        for (List<String> block : blocks) {
            for (String line : block) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> headerLines(String text) {
        List<String> h = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            h.add(line);
        }
        return h;
    }

    // --- bytes

    private byte[] trace(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(testdata.resolve(name)))) {
            return in.readAllBytes();
        }
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(out.resolve(name), content);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** Sixteen bytes in the middle of the compressed data overwritten: a bad sector. */
    private static byte[] corrupt(byte[] gz) {
        byte[] c = gz.clone();
        byte[] noise = randomBytes(16, 3);
        System.arraycopy(noise, 0, c, c.length / 2, noise.length);
        return c;
    }

    private static byte[] crlf(byte[] data) {
        return bytes(text(data).replace("\n", "\r\n"));
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(List<String> lines) {
        return bytes(String.join("\n", lines) + "\n");
    }
}
