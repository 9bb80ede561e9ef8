package io.livepeerpool.schemas.registry;

/**
 * A Schema Registry call failed. The message names the method and URL, the HTTP status and the registry's own error
 * code and message, so a log line alone says what went wrong.
 */
public final class SchemaRegistryException extends RuntimeException {

    /** {@link #status()} when no HTTP response arrived (connection refused, timeout, interrupted). */
    public static final int NO_RESPONSE = 0;

    private final String url;
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, String url, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The URL of the failed request. */
    public String url() {
        return url;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. 404: unknown id or subject; 409: incompatible; 422: invalid. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code} (e.g. 40403 schema not found), or 0 when the body had none. */
    public int errorCode() {
        return errorCode;
    }
}
