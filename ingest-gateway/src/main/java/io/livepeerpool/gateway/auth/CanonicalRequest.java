package io.livepeerpool.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The string an orchestrator signs, shared by the verifier and the signer:
 * <pre>METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(sha256(raw body))</pre>
 * PATH is the request path without the query string; hex is lowercase. The signature is the lowercase hex of
 * HMAC-SHA256(secret, canonical string).
 */
public final class CanonicalRequest {
    static final String HMAC_ALGORITHM = "HmacSHA256";

    private CanonicalRequest() {
    }

    public static String of(String method, String path, String timestamp, String nonce, byte[] body) {
        return method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(body);
    }

    public static String sha256Hex(byte[] body) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(body));
    }

    static byte[] hmac(SecretKeySpec key, String canonical) {
        try {
            Mac mac = HMAC.get();
            mac.init(key);
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HmacSHA256 key was refused", e);
        }
    }

    // One instance per thread: getInstance searches the security providers on every call, which profiled as a
    // visible share of each signed request (JFR, pool bench ingest). Both are reset by digest/init before each use.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC_ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });

    /** Lowercase hex of HMAC-SHA256(secret, canonical). */
    public static String signature(byte[] secret, String canonical) {
        return HexFormat.of().formatHex(hmac(new SecretKeySpec(secret, HMAC_ALGORITHM), canonical));
    }
}
