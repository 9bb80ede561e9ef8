package io.livepeerpool.gateway.auth;

import java.util.List;
import io.livepeerpool.gateway.validation.CharShape;

/** The four request headers of the HMAC scheme, and the shapes their values must have. */
public final class AuthHeaders {
    public static final String KEY_ID = "X-Pool-Key-Id";
    public static final String TIMESTAMP = "X-Pool-Timestamp";
    public static final String NONCE = "X-Pool-Nonce";
    public static final String SIGNATURE = "X-Pool-Signature";

    public static final List<String> ALL = List.of(KEY_ID, TIMESTAMP, NONCE, SIGNATURE);

    /** Unix seconds: digits only, no sign; 12 digits reach far beyond any sane clock. */
    static final CharShape TIMESTAMP_SHAPE = new CharShape("09", 1, 12);
    static final CharShape NONCE_SHAPE = new CharShape("AZaz09__--", 8, 64);
    /** Lowercase only, as documented: one spelling per signature (like the body hash inside the canonical text). */
    static final CharShape SIGNATURE_SHAPE = new CharShape("09af", 64, 64);

    private AuthHeaders() {
    }
}
