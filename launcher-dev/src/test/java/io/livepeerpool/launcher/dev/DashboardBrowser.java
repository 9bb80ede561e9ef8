package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dashboard's browser check (ingest-gateway/dashboard/test/dashboard.mjs: playwright-core driving Debian's
 * chromium) against a running pool, and fails with the script's report when a check fails. Screenshots go to
 * launcher-dev/target/screenshots (git-ignored) for a person to look at.
 */
final class DashboardBrowser {
    private static final Path DASHBOARD = Path.of("..", "ingest-gateway", "dashboard").toAbsolutePath().normalize();
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private DashboardBrowser() {
    }

    static void check(String gatewayUrl, String member) throws IOException, InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium).as("Debian's chromium (.ci/run installs it: apt-get install chromium)").isExecutable();
        assertThat(DASHBOARD.resolve("node_modules/playwright-core")).as("npm ci in ingest-gateway/dashboard").isDirectory();
        Path log = Files.createTempFile("dashboard-browser", ".log");
        Process process = new ProcessBuilder(List.of("node", "test/dashboard.mjs", "--url", gatewayUrl, "--member", member,
                "--screenshots", SCREENSHOTS.toString(), "--chromium", chromium.toString()))
                .directory(DASHBOARD.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly().waitFor();
        }
        String report = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println(report);
        assertThat(done).as("the browser check finished in time:\n" + report).isTrue();
        assertThat(process.exitValue()).as("browser check report:\n" + report).isZero();
    }
}
