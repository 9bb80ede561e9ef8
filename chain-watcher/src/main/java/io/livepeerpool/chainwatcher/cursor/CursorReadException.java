package io.livepeerpool.chainwatcher.cursor;

/** The cursor could not be read from Kafka (broker unreachable, topic missing, an open transaction too long). */
public final class CursorReadException extends RuntimeException {
    public CursorReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
