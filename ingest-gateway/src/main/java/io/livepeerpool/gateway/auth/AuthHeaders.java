package io.livepeerpool.gateway.auth;

import java.util.List;
import java.util.regex.Pattern;

/** The four request headers of the HMAC scheme, and the shapes their values must have. */
public final class AuthHeaders {
    public static final String KEY_ID = "X-Pool-Key-Id";
    public static final String TIMESTAMP = "X-Pool-Timestamp";
    public static final String NONCE = "X-Pool-Nonce";
    public static final String SIGNATURE = "X-Pool-Signature";

    public static final List<String> ALL = List.of(KEY_ID, TIMESTAMP, NONCE, SIGNATURE);

    /** Unix seconds: digits only, no sign; 12 digits reach far beyond any sane clock. */
    static final Pattern TIMESTAMP_SHAPE = Pattern.compile("[0-9]{1,12}");
    static final Pattern NONCE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** Lowercase only, as documented: one spelling per signature (like the body hash inside the canonical text). */
    static final Pattern SIGNATURE_SHAPE = Pattern.compile("[0-9a-f]{64}");

    private AuthHeaders() {
    }
}
