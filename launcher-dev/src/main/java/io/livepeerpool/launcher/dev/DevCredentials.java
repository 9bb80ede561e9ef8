package io.livepeerpool.launcher.dev;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * What a developer (or a benchmark, a demo script, {@code pool dev advance-round}) needs to talk to the running dev
 * pool; written to {@code DIR/dev-credentials.json} at every start because the certificate and the ports change per
 * start (the chain and its contracts are kept). The chain keys are the publicly known dev accounts of anvil (and
 * Hardhat), never real money.
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
        String jdbcUrl,
        String chainRpcUrl,
        Long chainId,
        Map<String, String> contracts,
        Map<String, Account> accounts,
        String redeemerGrpcAddress) {

    public static final String FILE_NAME = "dev-credentials.json";

    /** A dev chain account: its role's address and private key (hex). */
    public record Account(String address, String privateKey) {
    }

    public void write(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static DevCredentials read(Path file) throws IOException {
        return Json.mapper().readValue(file.toFile(), DevCredentials.class);
    }
}
