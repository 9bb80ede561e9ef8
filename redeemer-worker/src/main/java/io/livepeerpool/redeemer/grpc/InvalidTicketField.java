package io.livepeerpool.redeemer.grpc;

/**
 * A field of a gRPC ticket (named as in the proto, e.g. {@code sender_params.sig}) that cannot be a ticket the chain
 * accepts. Bad input, not a bug: no stack trace.
 */
final class InvalidTicketField extends RuntimeException {
    private final String field;

    InvalidTicketField(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
