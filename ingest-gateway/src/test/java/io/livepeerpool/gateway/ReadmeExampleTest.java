package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.livepeerpool.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's bash/openssl/curl example, run as written against a real gateway. */
class ReadmeExampleTest {
    private static final String MARKER = "<!-- example:signed-curl -->";

    @TempDir
    Path dir;

    @Test
    void theSignedCurlExampleIsAccepted() throws Exception {
        assumeTrue(onPath("bash") && onPath("openssl") && onPath("curl"), "bash, openssl and curl are needed");
        String script = exampleScript();
        try (TestGateway gateway = TestGateway.start(dir)) {
            Path cacert = dir.resolve("gateway.pem");
            Files.writeString(cacert, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(gateway.server.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
            bash.environment().put("GATEWAY", "https://localhost:" + gateway.server.port());
            bash.environment().put("KEY_ID", TestGateway.KEY_A1);
            bash.environment().put("SECRET", TestGateway.SECRET_A1);
            bash.environment().put("CACERT", cacert.toString());

            Process process = bash.start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(Json.mapper().readTree(output)).isEqualTo(Json.mapper().readTree("{\"status\":\"accepted\",\"jobId\":\"seg-42\"}"));
        }
    }

    static String exampleScript() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("README example marker").isNotNegative();
        int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
