package io.livepeerpool.gateway.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the HMAC headers of a write request against the raw body, before anything parses that body. Order: all
 * headers present and well-formed (the signature as 64 lowercase hex digits), key known, timestamp within {@code skewSeconds} of now (either direction),
 * signature equal in constant time, and only then the nonce recorded, so unsigned traffic never fills the nonce store.
 */
public final class HmacVerifier {
    private final OrchestratorKeys keys;
    private final NonceWindow nonces;
    private final Clock clock;
    private final long skewSeconds;

    public HmacVerifier(OrchestratorKeys keys, NonceWindow nonces, Clock clock, long skewSeconds) {
        this.keys = keys;
        this.nonces = nonces;
        this.clock = clock;
        this.skewSeconds = skewSeconds;
    }

    /** {@code header} returns a request header's value or null. */
    public AuthResult verify(String method, String path, Function<String, String> header, byte[] body) {
        for (String name : AuthHeaders.ALL) {
            String value = header.apply(name);
            if (value == null || value.isEmpty()) {
                return reject(AuthFailure.MISSING_HEADER, name, "missing header " + name, header);
            }
        }
        String timestamp = header.apply(AuthHeaders.TIMESTAMP);
        String nonce = header.apply(AuthHeaders.NONCE);
        String signature = header.apply(AuthHeaders.SIGNATURE);
        if (!AuthHeaders.TIMESTAMP_SHAPE.matches(timestamp)) {
            return reject(AuthFailure.MALFORMED_HEADER, AuthHeaders.TIMESTAMP, "must be Unix seconds", header);
        }
        if (!AuthHeaders.NONCE_SHAPE.matches(nonce)) {
            return reject(AuthFailure.MALFORMED_HEADER, AuthHeaders.NONCE, "must be 8 to 64 of [A-Za-z0-9_-]", header);
        }
        if (!AuthHeaders.SIGNATURE_SHAPE.matches(signature)) {
            return reject(AuthFailure.MALFORMED_HEADER, AuthHeaders.SIGNATURE,
                    "must be the HMAC-SHA256 as 64 lowercase hex digits", header);
        }
        Optional<OrchestratorKey> key = keys.find(header.apply(AuthHeaders.KEY_ID));
        if (key.isEmpty()) {
            return reject(AuthFailure.UNKNOWN_KEY, AuthHeaders.KEY_ID, "unknown key id", header);
        }
        long now = clock.instant().getEpochSecond();
        long sentAt = Long.parseLong(timestamp);
        if (Math.abs(now - sentAt) > skewSeconds) {
            return reject(AuthFailure.STALE_TIMESTAMP, AuthHeaders.TIMESTAMP,
                    "timestamp is more than " + skewSeconds + " s from the server's clock", header);
        }
        if (!signatureMatches(key.get(), method, path, timestamp, nonce, signature, body)) {
            return reject(AuthFailure.BAD_SIGNATURE, AuthHeaders.SIGNATURE, "signature does not match", header);
        }
        return switch (nonces.record(key.get().keyId(), nonce, sentAt + skewSeconds, now)) {
            case FIRST_USE -> new AuthResult.Accepted(key.get());
            case REPLAYED -> reject(AuthFailure.REPLAYED_NONCE, AuthHeaders.NONCE, "nonce already used", header);
            case FULL -> reject(AuthFailure.NONCE_STORE_FULL, AuthHeaders.NONCE, "too many requests in the replay window; retry later", header);
        };
    }

    private static boolean signatureMatches(OrchestratorKey key, String method, String path, String timestamp,
                                            String nonce, String signature, byte[] body) {
        byte[] expected = CanonicalRequest.hmac(key.macKey(), CanonicalRequest.of(method, path, timestamp, nonce, body));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
    }

    private static AuthResult reject(AuthFailure reason, String headerName, String message, Function<String, String> header) {
        return new AuthResult.Rejected(reason, message, headerName, header.apply(AuthHeaders.KEY_ID));
    }
}
