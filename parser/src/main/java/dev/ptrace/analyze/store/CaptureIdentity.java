package dev.ptrace.analyze.store;

import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.TraceInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * What identifies a capture wherever it is ingested: a hash of its bytes (the same file gets
 * the same id on every machine, so lakes written apart merge and a second ingest replaces the
 * first), and when it was recorded.
 *
 * @param contentHash  the first 16 hex digits of the SHA-256 of the file; null for a stream
 * @param fileModified the file's modification time; null for a stream
 */
public record CaptureIdentity(String contentHash, Instant fileModified) {
    /** Hex digits of the hash kept: 64 bits, a collision among a million traces 1 in 36 million. */
    static final int HASH_DIGITS = 16;
    /** perf's header line {@code # captured on : Sun Nov 22 18:28:25 2026} (ctime's layout). */
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);
    private static final CaptureIdentity STREAM = new CaptureIdentity(null, null);

    /** The identity of {@code source} as given on the command line (a path, or - ). */
    public static CaptureIdentity of(String source) {
        Path file = Path.of(source);
        if (TraceInput.STDIN.equals(source) || !Files.isRegularFile(file)) {
            return STREAM;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            return new CaptureIdentity(
                    HexFormat.of().formatHex(sha.digest()).substring(0, HASH_DIGITS),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new InputException(source, 0, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * When the capture was recorded: perf.data's clock data (the wall clock when recording
     * began), else perf script's {@code captured on} header line (which perf takes from the
     * perf.data file's time, in the capture machine's zone), else the file's modification time.
     */
    public Instant capturedAt(Map<String, String> metadata) {
        String wallNs = metadata.get("clock wall ns");
        if (wallNs != null) {
            return Instant.ofEpochSecond(0, Long.parseLong(wallNs));
        }
        String capturedOn = metadata.get("captured on");
        if (capturedOn != null) {
            try {
                return LocalDateTime.parse(capturedOn.strip().replaceAll("\\s+", " "), CTIME)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // another layout: the file's time is the next best
            }
        }
        return fileModified;
    }
}
