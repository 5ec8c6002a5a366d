package dev.ptrace.analyze.store;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The version of ptrace-analyze that is running, as the tables record it: the release, and for
 * a development build ({@code -SNAPSHOT}) also its build time, so that rows derived by one
 * build are derived again by the next; {@code dev} when run from class folders (tests).
 */
public final class ToolVersion {
    private static final String CURRENT = read();

    private ToolVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String read() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        if (version == null) {
            return "dev";
        }
        if (!version.endsWith("-SNAPSHOT")) {
            return version;
        }
        String built = buildTime();
        return built == null ? version : version + " built " + built;
    }

    /** The jar's Build-Time entry, or null. */
    private static String buildTime() {
        try {
            Path jar = Path.of(ToolVersion.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            try (JarFile f = new JarFile(jar.toFile())) {
                return f.getManifest() == null ? null
                        : f.getManifest().getMainAttributes().getValue("Build-Time");
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return null; // the version alone
        }
    }
}
