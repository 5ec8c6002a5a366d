package dev.ptrace.analyze.read;

import dev.ptrace.analyze.progress.CountingInputStream;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Opens a trace given on the command line: a file, a {@code .gz} file (told by its magic bytes,
 * not its name; concatenated members are read as one stream, and a cut or damaged one as far
 * as it goes) or {@code -} for standard input.
 * Binary files that are not text are refused with a hint at the command that turns them into
 * text.
 */
public final class TraceInput {
    public static final String STDIN = "-";
    private static final int SNIFF_BYTES = 8192;
    private static final int BUFFER = 1 << 16;
    /** Compressed bytes looked at to tell a compressed binary capture from compressed text. */
    private static final int SNIFF_LIMIT = 1 << 22;
    /** Longest line read: a longer one is skipped (line_too_long) without being kept. */
    public static final int MAX_LINE = 1 << 20;

    private TraceInput() {
    }

    /**
     * Opens {@code spec}, a path or {@code -}, as a binary capture when its first bytes are
     * one's magic (perf.data, trace.dat), else as text lines.
     */
    public static TraceSource openAny(String spec) {
        try {
            if (STDIN.equals(spec)) {
                BufferedInputStream in = new BufferedInputStream(System.in, BUFFER);
                TraceSource binary = binary(spec, in, null);
                return binary != null ? binary : open(spec, in);
            }
            java.io.File file = existing(spec);
            if (file.isFile()) {
                FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.READ);
                ByteBuffer head = ByteBuffer.allocate((int) Math.min(SNIFF_BYTES, ch.size()));
                ch.read(head, 0);
                head.flip();
                BinaryFormat format = BinaryFormat.detect(head);
                if (format != null) {
                    return new BinaryInput(spec, format, head, ch, ch, null);
                }
                ch.close();
                if (isGzip(head.array())) {
                    TraceSource binary = binary(spec, new BufferedInputStream(
                            new FileInputStream(file), BUFFER), file);
                    if (binary != null) {
                        return binary;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(spec, 0, "no such file");
        } catch (IOException e) {
            throw new InputException(spec, 0, "cannot open: " + e.getMessage(), e);
        }
        return open(spec);
    }

    /**
     * A binary capture from a stream (gzip-compressed or not), or null when the stream is not
     * one (then {@code in} is as it was). A compressed capture that is not a stream (perf.data
     * in file mode reads its sections out of order) is decompressed to a temporary file.
     */
    private static BinaryInput binary(String spec, BufferedInputStream in, java.io.File file)
            throws IOException {
        InputStream data = in;
        ByteBuffer head = ByteBuffer.wrap(peek(in, SNIFF_BYTES));
        if (isGzip(head.array())) {
            in.mark(SNIFF_LIMIT);
            data = new BufferedInputStream(new GzipInput(in, BUFFER), BUFFER);
            head = ByteBuffer.wrap(peek((BufferedInputStream) data, SNIFF_BYTES));
        }
        BinaryFormat format = BinaryFormat.detect(head);
        if (format == null) {
            if (file != null) {
                in.close();
            } else if (data != in) {
                in.reset();
            }
            return null;
        }
        if (data == in || format.streams(head)) {
            return new BinaryInput(spec, format, head, Channels.newChannel(data), null, null);
        }
        Path copy = Files.createTempFile("ptrace-analyze-", ".data");
        copy.toFile().deleteOnExit();
        try (InputStream d = data) {
            Files.copy(d, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ);
        return new BinaryInput(spec, format, head, ch, ch, copy);
    }

    /** Opens {@code spec}, a path or {@code -}; the name in errors is the spec as given. */
    public static LineSource open(String spec) {
        InputStream raw;
        try {
            // a FileInputStream, not Files.newInputStream: the latter's available() seeks,
            // which a named pipe cannot ("Illegal seek")
            java.io.File file = STDIN.equals(spec) ? null : existing(spec);
            raw = new CountingInputStream(file == null ? System.in : new FileInputStream(file),
                    spec, file == null || !file.isFile() ? -1 : file.length());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new InputException(spec, 0, Files.exists(Path.of(spec)) ? "cannot open: "
                    + e.getMessage() : "no such file");
        } catch (IOException e) {
            throw new InputException(spec, 0, "cannot open: " + e.getMessage(), e);
        }
        return open(spec, raw);
    }

    private static java.io.File existing(String spec) throws NoSuchFileException {
        Path p = Path.of(spec);
        if (!Files.exists(p)) {
            throw new NoSuchFileException(spec);
        }
        if (Files.isDirectory(p)) {
            throw new InputException(spec, 0, "a directory, not a trace file");
        }
        return p.toFile();
    }

    /** Opens a stream under a display name; used for stdin and by tests. */
    public static LineSource open(String name, InputStream raw) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            byte[] head = peek(in, SNIFF_BYTES);
            InputStream text = in;
            Supplier<GzipInput.Damage> damage = () -> null;
            if (isGzip(head)) {
                GzipInput gzip = new GzipInput(in, BUFFER);
                damage = gzip::damage;
                text = new BufferedInputStream(gzip, BUFFER);
                head = peek((BufferedInputStream) text, SNIFF_BYTES);
            }
            refuseBinary(name, head);
            return new LineSource(name, new Utf8LineReader(text, BUFFER, MAX_LINE), damage);
        } catch (java.io.EOFException e) {
            throw new InputException(name, 0, "compressed input ends early (truncated .gz?)", e);
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] buf = in.readNBytes(n);
        in.reset();
        return buf;
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    private static void refuseBinary(String name, byte[] head) {
        if (startsWith(head, "PERFILE2") || startsWith(head, "PERFFILE")) {
            throw new InputException(name, 0, "this is a perf.data file, not text: convert it "
                    + "with 'perf script -i " + name + " > trace.txt' (add -F+pid for process ids)");
        }
        if (head.length > 10 && head[0] == 0x17 && head[1] == 0x08 && head[2] == 0x44
                && startsWith(Arrays.copyOfRange(head, 3, head.length), "tracing")) {
            throw new InputException(name, 0, "this is a trace-cmd .dat file, not text: convert "
                    + "it with 'trace-cmd report -i " + name + " > trace.txt'");
        }
        if ((head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd)) {
            throw new InputException(name, 0, "zstd-compressed input is not read directly: "
                    + "decompress it with 'zstd -dc " + name + "' and pipe it to '-'");
        }
        int control = 0;
        for (byte b : head) {
            if ((b >= 0 && b < 0x09) || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                control++;
            }
        }
        // a stray NUL in a thread name is damage inside a text trace; many are a binary file
        if (control > head.length / 100) {
            throw new InputException(name, 0, "binary data (" + control + " control bytes in the "
                    + "first " + head.length + "), not trace text");
        }
    }

    private static boolean startsWith(byte[] head, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return head.length >= m.length && Arrays.equals(head, 0, m.length, m, 0, m.length);
    }
}
