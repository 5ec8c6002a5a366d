package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.store.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, as the tables record it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"ptrace-analyze " + ToolVersion.current()};
    }
}
