package dev.ptrace.analyze.read.perfdata;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.read.symbols.ElfSymbols;
import dev.ptrace.analyze.read.symbols.KernelSymbols;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import dev.ptrace.analyze.read.symbols.SymbolTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Names the addresses of a capture's samples as {@code perf script} prints them: kernel
 * addresses from the kernel's symbols ({@code [kernel.kallsyms]}), user-space ones from the
 * ELF symbols of the file mapped there when it is present and its build id is the one the
 * capture recorded, else {@code [unknown]} in that file at its file-relative address. What
 * could not be named is kept, by file, for the data-quality section.
 */
final class FrameNames {
    static final String KERNEL_DSO = "[kernel.kallsyms]";

    /** A mapped file's symbols, or why there are none. */
    private record Dso(SymbolTable symbols, String problem) {
    }

    private final KernelSymbols kernel;
    private final AddressSpaces spaces;
    private final Map<String, String> recordedBuildIds;
    private final SymbolSources sources;
    private final Map<String, Dso> dsos = new HashMap<>();
    private final Set<String> unnamed = new LinkedHashSet<>();

    /**
     * @param recordedBuildIds build ids by file name, as the capture recorded them
     * @param sources          where files are looked up: under a root directory, in perf's
     *                         build-id cache
     */
    FrameNames(KernelSymbols kernel, AddressSpaces spaces, Map<String, String> recordedBuildIds,
               SymbolSources sources) {
        this.kernel = kernel;
        this.spaces = spaces;
        this.recordedBuildIds = recordedBuildIds;
        this.sources = sources;
    }

    /** The frame at {@code ip}, a kernel address when {@code kernelMode}, in process pid. */
    Frame frame(int pid, boolean kernelMode, long ip) {
        if (kernelMode) {
            AddressSpaces.Mapping module = spaces.find(AddressSpaces.KERNEL, ip);
            String dso = module == null || module.filename().startsWith(KERNEL_DSO)
                    ? KERNEL_DSO : module.filename();
            int s = kernel.find(ip);
            if (s < 0) {
                return new Frame(Long.toHexString(ip), null, 0, dso);
            }
            String m = kernel.module(s);
            return new Frame(Long.toHexString(ip), kernel.name(s), ip - kernel.start(s),
                    m != null ? m : dso);
        }
        AddressSpaces.Mapping m = spaces.find(pid, ip);
        if (m == null) {
            return new Frame(Long.toHexString(ip), null, 0, null);
        }
        long address = m.mapIp(ip);
        SymbolTable symbols = dso(m).symbols();
        int s = symbols.find(address);
        String ipText = Long.toHexString(address);
        if (s < 0) {
            return new Frame(ipText, null, 0, m.filename());
        }
        return new Frame(ipText, symbols.name(s), address - symbols.start(s), m.filename());
    }

    private Dso dso(AddressSpaces.Mapping m) {
        return dsos.computeIfAbsent(m.filename(), name -> load(name, m.buildId()));
    }

    private Dso load(String name, String mappedBuildId) {
        String wanted = mappedBuildId != null ? mappedBuildId : recordedBuildIds.get(name);
        // perf's build-id cache first (the copy perf record kept: also of [vdso]), then the file
        Path cached = sources.cached(wanted, name.equals("[vdso]") ? "vdso" : "elf");
        if (cached == null && (name.startsWith("//") || !name.startsWith("/"))) {
            return unnamed(name, "no file to read symbols from");
        }
        try {
            Path file = cached != null ? cached : sources.symfs().resolve(name.substring(1));
            if (!Files.isRegularFile(file)) {
                return unnamed(name, "not on this machine nor in perf's build-id cache");
            }
            ElfSymbols elf = ElfSymbols.read(file);
            if (elf == null) {
                return unnamed(name, "not an ELF file");
            }
            if (wanted != null && elf.buildId() != null && !wanted.startsWith(elf.buildId())) {
                return unnamed(name, "another build (build id " + elf.buildId()
                        + ", recorded " + wanted + ")");
            }
            if (!elf.hasSymtab() && elf.buildId() != null) {
                Path debug = debugFile(elf.buildId());
                ElfSymbols symbols = debug == null ? null : elf.withSymbolsOf(debug);
                if (symbols != null && symbols.hasSymtab()) {
                    elf = symbols;
                }
            }
            return new Dso(elf.table(), null);
        } catch (IOException e) {
            return unnamed(name, "cannot read: " + e.getMessage());
        }
    }

    /** The detached debug file of a build: perf's cache, Debian's and Fedora's; or null. */
    private Path debugFile(String buildId) {
        Path cached = sources.cached(buildId, "debug");
        if (cached != null) {
            return cached;
        }
        Path debug = sources.symfs().resolve("usr/lib/debug/.build-id/"
                + buildId.substring(0, 2) + "/" + buildId.substring(2) + ".debug");
        return Files.isRegularFile(debug) ? debug : null;
    }

    private Dso unnamed(String name, String why) {
        unnamed.add(name + ": " + why);
        return new Dso(SymbolTable.EMPTY, why);
    }

    /** {@code file: why} for each mapped file whose frames could not be named. */
    Set<String> unnamedFiles() {
        return unnamed;
    }
}
