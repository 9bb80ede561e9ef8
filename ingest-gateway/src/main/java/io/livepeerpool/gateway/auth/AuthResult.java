package io.livepeerpool.gateway.auth;

/** The verifier's verdict on one request. */
public sealed interface AuthResult {

    /** The signature is good, fresh and not replayed: the request comes from {@code key}'s orchestrator. */
    record Accepted(OrchestratorKey key) implements AuthResult {
    }

    /**
     * Refused. {@code keyId} is the client-supplied header value (null when absent), for the log only; it is not
     * trusted and must be sanitised before display.
     */
    record Rejected(AuthFailure reason, String message, String header, String keyId) implements AuthResult {
    }
}
