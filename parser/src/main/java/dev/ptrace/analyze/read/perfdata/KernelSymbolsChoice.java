package dev.ptrace.analyze.read.perfdata;

import dev.ptrace.analyze.read.ByteBuffers;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.symbols.KernelSymbols;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Which kernel symbols name a capture's kernel frames: the file the user gave
 * ({@code --kallsyms}), else this machine's /proc/kallsyms when the capture's kernel is the
 * one running now (same release, same build id, and its text at the same address: KASLR moves
 * it at each boot), else none, and the frames keep their addresses. Decided at the first
 * kernel frame, when the capture's kernel mapping has been read.
 */
final class KernelSymbolsChoice {
    private final SymbolSources sources;
    private long captureText = -1;
    private KernelSymbols chosen;
    private String description = "none needed: no kernel frame";

    KernelSymbolsChoice(SymbolSources sources) {
        this.sources = sources;
    }

    /** Where the capture's kernel text started (the pgoff of its [kernel.kallsyms] mapping). */
    void captureText(long address) {
        captureText = address;
    }

    SymbolSources sources() {
        return sources;
    }

    KernelSymbols symbols(PerfFeatures features) {
        if (chosen == null) {
            chosen = choose(features);
        }
        return chosen;
    }

    String description() {
        return description;
    }

    private KernelSymbols choose(PerfFeatures features) {
        if (sources.kallsyms() != null) {
            description = sources.kallsyms() + " (--kallsyms)";
            return relocated(read(sources.kallsyms()));
        }
        String capturedId = features.buildIds.stream().filter(PerfFeatures.BuildId::kernel)
                .map(PerfFeatures.BuildId::buildId).findFirst().orElse(null);
        String why = notRunning(features, capturedId);
        if (why == null) {
            return running();
        }
        Path cached = sources.cached(capturedId, "kallsyms");
        if (cached != null) {
            description = cached + " (perf's build-id cache: " + why + ")";
            return relocated(read(cached));
        }
        description = "none: " + why + "; give its kallsyms with --kallsyms FILE";
        return KernelSymbols.NONE;
    }

    /** Why the capture's kernel is not the running one, or null when it is. */
    private String notRunning(PerfFeatures features, String capturedId) {
        Path proc = sources.proc();
        String release = text(proc.resolve("sys/kernel/osrelease"));
        String recorded = features.metadata.get(TraceFacts.OS_RELEASE);
        if (release == null || !release.equals(recorded)) {
            return "the capture's kernel (" + recorded + ") is not this machine's (" + release
                    + ")";
        }
        String runningId = runningBuildId(proc.getParent().resolve("sys/kernel/notes"));
        if (runningId != null && capturedId != null && !runningId.equals(capturedId)) {
            return "the capture's kernel has build id " + capturedId + ", this machine's "
                    + runningId;
        }
        return null;
    }

    private KernelSymbols running() {
        Path proc = sources.proc();
        Path kallsyms = proc.resolve("kallsyms");
        KernelSymbols running = Files.isReadable(kallsyms) ? read(kallsyms) : KernelSymbols.NONE;
        if (running.textStart() == -1 || running.textStart() == 0) {
            description = "none: " + kallsyms + " shows no addresses to this user";
            return KernelSymbols.NONE;
        }
        if (captureText != -1 && captureText != running.textStart()) {
            description = kallsyms + " (the capture's kernel is the running one, booted then "
                    + "with its text at 0x" + Long.toHexString(captureText) + ", now at 0x"
                    + Long.toHexString(running.textStart()) + ": addresses moved by the "
                    + "difference)";
            return running.relocatedFor(captureText);
        }
        description = kallsyms + " (the capture's kernel is the running one)";
        return running;
    }

    /** A kallsyms of the capture's kernel, moved to the capture's boot when it lists _text. */
    private KernelSymbols relocated(KernelSymbols symbols) {
        return captureText == -1 || symbols.textStart() == -1 ? symbols
                : symbols.relocatedFor(captureText);
    }

    private static KernelSymbols read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return KernelSymbols.read(in, file.toString());
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the kallsyms file ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** The GNU build id note of /sys/kernel/notes, or null. */
    static String runningBuildId(Path notes) {
        byte[] b;
        try {
            b = Files.readAllBytes(notes);
        } catch (IOException e) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + 12 <= b.length) {
            int nameSize = buf.getInt(at);
            int descSize = buf.getInt(at + 4);
            int type = buf.getInt(at + 8);
            int desc = at + 12 + ((nameSize + 3) & ~3);
            if (desc + descSize > b.length) {
                return null;
            }
            if (type == 3 && nameSize == 4 && b[at + 12] == 'G' && b[at + 13] == 'N') {
                byte[] id = new byte[descSize];
                ByteBuffers.copy(buf, desc, id);
                return HexFormat.of().formatHex(id);
            }
            at = desc + ((descSize + 3) & ~3);
        }
        return null;
    }
}
