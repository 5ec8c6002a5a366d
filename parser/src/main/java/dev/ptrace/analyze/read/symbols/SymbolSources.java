package dev.ptrace.analyze.read.symbols;

import java.nio.file.Path;

/**
 * Where a binary capture's addresses are named from.
 *
 * @param kallsyms   the traced kernel's /proc/kallsyms as a file (--kallsyms), or null: this
 *                   machine's when the capture's kernel is the running one, else the copy in
 *                   perf's build-id cache
 * @param symfs      the directory the capture's mapped files are looked up under (perf's
 *                   --symfs; "/" for this machine's files)
 * @param proc       this machine's /proc (a test gives another)
 * @param buildIdDir perf's build-id cache ({@code ~/.debug}, or $PERF_BUILDID_DIR), where
 *                   {@code perf record} keeps a copy of each binary and kallsyms it sampled;
 *                   null for none
 */
public record SymbolSources(Path kallsyms, Path symfs, Path proc, Path buildIdDir) {
    public static final SymbolSources LOCAL = new SymbolSources(null, Path.of("/"),
            Path.of("/proc"), defaultBuildIdDir());

    private static Path defaultBuildIdDir() {
        String env = System.getenv("PERF_BUILDID_DIR");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".debug");
    }

    public SymbolSources withKallsyms(Path file) {
        return new SymbolSources(file, symfs, proc, buildIdDir);
    }

    public SymbolSources withSymfs(Path dir) {
        return new SymbolSources(kallsyms, dir, proc, buildIdDir);
    }

    public SymbolSources withBuildIdDir(Path dir) {
        return new SymbolSources(kallsyms, symfs, proc, dir);
    }

    /** A file perf's build-id cache keeps for a build ({@code elf}, {@code debug}, ...). */
    public Path cached(String buildId, String file) {
        if (buildIdDir == null || buildId == null || buildId.length() < 3) {
            return null;
        }
        Path p = buildIdDir.resolve(".build-id").resolve(buildId.substring(0, 2))
                .resolve(buildId.substring(2)).resolve(file);
        return java.nio.file.Files.isRegularFile(p) ? p : null;
    }
}
