package io.livepeerpool.redeemer.grpc;

/** Kafka (or the registry) did not take a record in time: answered UNAVAILABLE, which the client may retry. */
final class KafkaUnavailable extends RuntimeException {
    KafkaUnavailable(String message) {
        super(message, null, false, false);
    }
}
