package io.livepeerpool.gateway.auth;

import io.livepeerpool.protocol.address.Address;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC key: its public id, the orchestrator it authenticates, and the shared secret. The secret never leaves
 * this object except as a MAC key, and {@link #toString()} does not show it.
 */
public final class OrchestratorKey {
    private final String keyId;
    private final Address orchestrator;
    private final SecretKeySpec secret;

    public OrchestratorKey(String keyId, Address orchestrator, byte[] secret) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
        this.secret = new SecretKeySpec(secret, CanonicalRequest.HMAC_ALGORITHM);
    }

    public String keyId() {
        return keyId;
    }

    public Address orchestrator() {
        return orchestrator;
    }

    SecretKeySpec macKey() {
        return secret;
    }

    @Override
    public String toString() {
        return "OrchestratorKey[" + keyId + " -> " + orchestrator + ", secret ****]";
    }
}
