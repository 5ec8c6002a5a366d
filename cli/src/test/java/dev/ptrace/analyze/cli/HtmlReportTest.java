package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * report --format html: one self-contained file, rendered by a real headless Chromium
 * (Debian's chromium, which .ci/run installs; elsewhere the test is skipped, saying so). The
 * page's script marks the body when it has drawn everything and records any script error
 * there.
 */
class HtmlReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    private List<String> chromium(Path profile, String... args) {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String run(List<String> cmd, Path stderr) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return out;
    }

    private static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"perf-inversion", "perf-munmap"})
    void rendersInHeadlessChromiumWithEverySectionAndNoScriptErrors(String name)
            throws Exception {
        Path html = tmp.resolve(name + ".html");
        Cli r = Cli.run("report", TestData.trace(name + ".txt.gz").toString(), "--format",
                "html", "--out", html.toString());
        assertEquals(0, r.exit(), r.toString());
        String page = Files.readString(html);
        assertFalse(page.contains("http://") || page.contains("https://"),
                "self-contained: no network references");
        TestData.require(Files.isExecutable(CHROMIUM),
                "no Chromium at " + CHROMIUM + " (Debian package chromium)");
        Path err = tmp.resolve("chromium.err");
        String dom = run(chromium(tmp.resolve("p1"), "--enable-logging=stderr", "--v=0",
                "--dump-dom", html.toUri().toString()), err);
        assertTrue(dom.contains("data-rendered=\"ok\""), "the script ran to the end");
        assertFalse(dom.contains("data-errors="), "no script errors");
        String log = Files.readString(err);
        assertFalse(log.contains("Uncaught"), log);
        assertTrue(count(dom, "<div class=\"finding\"") >= 1, "findings");
        assertTrue(count(dom, "<rect class=\"state\"") > 10, "thread timeline states");
        assertTrue(count(dom, "<rect class=\"wait\"") > 0, "waits on the timeline");
        assertTrue(count(dom, "<rect class=\"hold\"") > 0, "holds on the timeline");
        assertTrue(count(dom, "<span class=\"node root\"") >= 1, "chains as trees");
        assertTrue(count(dom, "class=\"fg\"") > 5, "flame graph frames");
        assertTrue(count(dom, "<tr>") > 5, "tables");
        for (String section : List.of("who-held-table", "attribution-table", "inversions-table",
                "events-table", "quality-table")) {
            int at = dom.indexOf("id=\"" + section + "\"");
            assertTrue(at > 0 && dom.indexOf("<tr>", at) > at, section + " drawn");
        }
        if (name.equals("perf-inversion")) {
            assertTrue(dom.contains("wl 16373 (139)"), "the convoy's inversion root");
        }
        Path shot = Path.of("target", "html-report-" + name + ".png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        run(chromium(tmp.resolve("p2"), "--window-size=1300,2400",
                "--screenshot=" + shot, html.toUri().toString()), tmp.resolve("shot.err"));
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
        System.out.println("screenshot of the " + name + " report: " + shot);
    }
}
