package io.livepeerpool.launcher.dev;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What a developer (or a benchmark, or a demo script) needs to talk to the running dev pool; written to
 * {@code DIR/dev-credentials.json} at every start because the certificate (and ports) change per start.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DevCredentials(
        String gatewayUrl,
        String keyId,
        String secret,
        String orchestrator,
        String certificateFingerprint,
        String certificateFile,
        String kafkaBootstrapServers,
        String schemaRegistryUrl,
        String jdbcUrl) {

    public static final String FILE_NAME = "dev-credentials.json";

    public void write(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static DevCredentials read(Path file) throws IOException {
        return Json.mapper().readValue(file.toFile(), DevCredentials.class);
    }
}
