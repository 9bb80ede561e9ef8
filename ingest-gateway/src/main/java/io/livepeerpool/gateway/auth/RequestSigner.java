package io.livepeerpool.gateway.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client side of the HMAC scheme: the four headers for one request. Used by the tests, the ingest benchmark
 * and the dev example; an orchestrator integration does the same in its own language (see the README).
 */
public final class RequestSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String keyId;
    private final byte[] secret;
    private final Clock clock;

    public RequestSigner(String keyId, byte[] secret, Clock clock) {
        this.keyId = keyId;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** {@code secretHex} as in the keys file. */
    public static RequestSigner of(String keyId, String secretHex) {
        return new RequestSigner(keyId, HexFormat.of().parseHex(secretHex), Clock.systemUTC());
    }

    /** Headers for {@code method path} with a fresh nonce and the current time. */
    public Map<String, String> headers(String method, String path, byte[] body) {
        return headers(method, path, body, Long.toString(clock.instant().getEpochSecond()), newNonce());
    }

    /** Headers with the given timestamp and nonce (tests, replays on purpose). */
    public Map<String, String> headers(String method, String path, byte[] body, String timestamp, String nonce) {
        String canonical = CanonicalRequest.of(method, path, timestamp, nonce, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(AuthHeaders.KEY_ID, keyId);
        headers.put(AuthHeaders.TIMESTAMP, timestamp);
        headers.put(AuthHeaders.NONCE, nonce);
        headers.put(AuthHeaders.SIGNATURE, CanonicalRequest.signature(secret, canonical));
        return headers;
    }

    /** 24 characters of base64url (18 random bytes): inside the 8-64 {@code [A-Za-z0-9_-]} the gateway accepts. */
    public static String newNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String keyId() {
        return keyId;
    }
}
