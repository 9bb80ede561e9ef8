package io.livepeerpool.gateway.registration;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.performance.Benchmark;

/** A validated {@code POST /registerTranscoder} body: the transcoder and its benchmark. */
public record Registration(Address transcoder, Benchmark benchmark) {
}
