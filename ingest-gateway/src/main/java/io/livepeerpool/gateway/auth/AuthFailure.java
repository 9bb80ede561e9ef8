package io.livepeerpool.gateway.auth;

/**
 * Why a signed request was refused. The {@link #tag()} labels the rejection metric and the log line; the HTTP
 * status is 401 for everything the client can fix, 503 when the nonce store is full (the gateway's limit, not the
 * client's mistake).
 */
public enum AuthFailure {
    MISSING_HEADER("missing_header", 401),
    MALFORMED_HEADER("malformed_header", 401),
    UNKNOWN_KEY("unknown_key", 401),
    STALE_TIMESTAMP("stale_timestamp", 401),
    BAD_SIGNATURE("bad_signature", 401),
    REPLAYED_NONCE("replayed_nonce", 401),
    NONCE_STORE_FULL("nonce_store_full", 503);

    private final String tag;
    private final int status;

    AuthFailure(String tag, int status) {
        this.tag = tag;
        this.status = status;
    }

    public String tag() {
        return tag;
    }

    public int status() {
        return status;
    }
}
