package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.read.TraceFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel this program runs on, as /proc tells. A trace whose perf header (perf script
 * --header) names this host and kernel release, and whose clock started when this kernel
 * booted, was taken on it since its boot: its global locks are at the addresses
 * /proc/kallsyms gives now (KASLR moves them at each boot, so the same release is not
 * enough). perf's header says when the file was last written ("captured on", the end of the
 * recording) and the time of its last sample in seconds since boot; their difference is the
 * boot time, to within the gap between the last sample and the end of the recording.
 */
public final class RunningKernel {
    /** How far the boot time worked out from a header may be from this boot's. */
    static final long BOOT_SLACK_SECONDS = 120;
    static final String CAPTURED_ON = "captured on";
    static final String LAST_SAMPLE = "time of last sample";
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern(
            "EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    private final Path proc;
    private final ZoneId zone;
    private Kallsyms symbols;

    /** The kernel of {@code proc} (a /proc tree), whose clock reads in {@code zone}. */
    RunningKernel(Path proc, ZoneId zone) {
        this.proc = proc;
        this.zone = zone;
    }

    /** This machine's kernel. */
    public static RunningKernel local() {
        return new RunningKernel(Path.of("/proc"), ZoneId.systemDefault());
    }

    /**
     * This kernel's data symbols when a trace with these header facts was taken on it since
     * it booted, else none (also when /proc/kallsyms hides its addresses from this user).
     */
    public synchronized Kallsyms symbolsFor(Map<String, String> facts) {
        if (!tookTrace(facts)) {
            return Kallsyms.none();
        }
        if (symbols == null) {
            Path file = proc.resolve("kallsyms");
            symbols = Files.isReadable(file) ? Kallsyms.read(file) : Kallsyms.none();
        }
        return symbols;
    }

    /** Whether the facts name this host and release and a clock started at this boot. */
    boolean tookTrace(Map<String, String> facts) {
        String release = read("sys/kernel/osrelease");
        String host = read("sys/kernel/hostname");
        Long boot = bootTime();
        Long traceBoot = traceBootTime(facts);
        return release != null && release.equals(facts.get(TraceFacts.OS_RELEASE))
                && host != null && host.equals(facts.get(TraceFacts.HOSTNAME))
                && boot != null && traceBoot != null
                && Math.abs(traceBoot - boot) <= BOOT_SLACK_SECONDS;
    }

    /** When the trace's machine booted, in epoch seconds, or null when the header lacks it. */
    private Long traceBootTime(Map<String, String> facts) {
        String capturedOn = facts.get(CAPTURED_ON);
        String lastSample = facts.get(LAST_SAMPLE);
        if (capturedOn == null || lastSample == null) {
            return null;
        }
        try {
            long written = LocalDateTime.parse(capturedOn.trim().replaceAll("\\s+", " "), CTIME)
                    .atZone(zone).toEpochSecond();
            return written - Math.round(Double.parseDouble(lastSample.trim()));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** This boot's time in epoch seconds (/proc/stat's btime), or null. */
    private Long bootTime() {
        String stat = read("stat");
        if (stat == null) {
            return null;
        }
        return stat.lines().filter(l -> l.startsWith("btime ")).findFirst()
                .map(l -> Long.parseLong(l.substring(6).trim())).orElse(null);
    }

    private String read(String file) {
        try {
            return Files.readString(proc.resolve(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
