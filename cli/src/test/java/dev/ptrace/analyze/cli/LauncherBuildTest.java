package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first build, as a new user meets it: Maven's output (colour codes even with
 * -q) is shown only when the build fails. Runs the repository's launcher in a folder of its
 * own with a stand-in mvn and java on the PATH, so no real build runs.
 */
class LauncherBuildTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve("bin").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Map.Entry<Integer, String> run(boolean buildSucceeds) throws Exception {
        Path root = dir.resolve("checkout");
        Files.createDirectories(root);
        Files.copy(Path.of("..", "ptrace-analyze"), root.resolve("ptrace-analyze"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        // what mvn -q -B prints on a build that works: colour resets, then nothing
        script("mvn", buildSucceeds
                ? "printf '\\033[0m\\033[0m'; mkdir -p cli/target; touch cli/target/ptrace-analyze.jar\n"
                : "printf '[ERROR] COMPILATION ERROR\\n'; exit 1\n");
        // a JVM that writes the class-data archive it is asked for, then says what it ran
        script("java", "for a; do case $a in -XX:ArchiveClassesAtExit=*) touch \"${a#*=}\";;"
                + " esac; done\necho \"report of $*\"\n");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("ptrace-analyze").toString(),
                "report", "x.txt");
        pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        int rc = pb.start().waitFor();
        return Map.entry(rc, Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void aBuildThatWorksShowsOneLineAndNoMavenOutput() throws Exception {
        Map.Entry<Integer, String> r = run(true);
        assertEquals(0, r.getKey());
        assertEquals("ptrace-analyze: building (mvn package)...\n", r.getValue());
        assertFalse(r.getValue().contains("\033"));
        assertTrue(Files.readString(dir.resolve("out")).contains("report x.txt"));
    }

    @Test
    void aBuildThatFailsShowsMavensOutputAndExitsThree() throws Exception {
        Map.Entry<Integer, String> r = run(false);
        assertEquals(3, r.getKey());
        assertTrue(r.getValue().contains("[ERROR] COMPILATION ERROR\n"), r.getValue());
        assertTrue(r.getValue().endsWith("ptrace-analyze: build failed\n"), r.getValue());
    }
}
