package io.livepeerpool.redeemer.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatUpdate;
import java.math.BigInteger;

/**
 * One MonitorMaxFloat stream, bounded: a value is sent while the transport takes more (gRPC's {@code isReady}); when
 * the client reads slower than the values change, only the newest waits, replacing an older unsent one. An
 * orchestrator only ever uses the latest max float, so a slow one costs one pending value, not a growing buffer.
 */
final class MaxFloatStream {
    private final ServerCallStreamObserver<MaxFloatUpdate> stream;
    private BigInteger pending;

    MaxFloatStream(ServerCallStreamObserver<MaxFloatUpdate> stream) {
        this.stream = stream;
        stream.setOnReadyHandler(this::drain);
    }

    /** Called on the feed's thread with each new value. */
    synchronized void offer(BigInteger value) {
        pending = value;
        drain();
    }

    private synchronized void drain() {
        if (pending != null && !stream.isCancelled() && stream.isReady()) {
            stream.onNext(update(pending));
            pending = null;
        }
    }

    static MaxFloatUpdate update(BigInteger value) {
        return MaxFloatUpdate.newBuilder().setMaxFloat(ByteString.copyFrom(BigEndian.minimal(value))).build();
    }
}
