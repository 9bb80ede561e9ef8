package io.livepeerpool.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.auth.OrchestratorKey;
import java.time.Instant;

/**
 * A write request that passed authentication: who sent it, its parsed body, and the id and time the gateway
 * gives it (carried in every record it produces).
 */
public record SignedRequest(OrchestratorKey key, JsonNode body, String requestId, Instant receivedAt) {
}
