package io.livepeerpool.launcher.dev;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.auth.OrchestratorKeys;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The dev orchestrator's HMAC key, created once per data dir (a fresh random secret) and kept, so restarting
 * {@code pool dev} keeps working credentials. The file is the gateway's ordinary keys file.
 */
public final class DevKeys {
    public static final String KEY_ID = "dev-orchestrator-1";
    private static final int SECRET_BYTES = 32;

    private DevKeys() {
    }

    /** The dev key as the developer needs it: id, orchestrator and the secret in hex (for signing examples). */
    public record DevKey(String keyId, String orchestrator, String secretHex) {
    }

    public static DevKey loadOrCreate(Path keysFile, String orchestrator) throws IOException {
        if (!Files.exists(keysFile)) {
            byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            ObjectNode key = Json.mapper().createObjectNode()
                    .put("keyId", KEY_ID)
                    .put("orchestrator", orchestrator)
                    .put("secret", HexFormat.of().formatHex(secret));
            ObjectNode root = Json.mapper().createObjectNode();
            root.putArray("keys").add(key);
            Files.createDirectories(keysFile.getParent());
            Files.writeString(keysFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.setPosixFilePermissions(keysFile, PosixFilePermissions.fromString("rw-------"));
        }
        OrchestratorKeys.load(keysFile); // the gateway's own validation, so a hand-edited file fails here, clearly
        JsonNode first = Json.mapper().readTree(keysFile.toFile()).path("keys").path(0);
        return new DevKey(first.path("keyId").asText(), first.path("orchestrator").asText().toLowerCase(java.util.Locale.ROOT),
                first.path("secret").asText());
    }
}
