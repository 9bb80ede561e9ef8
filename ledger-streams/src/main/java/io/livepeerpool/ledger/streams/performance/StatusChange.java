package io.livepeerpool.ledger.streams.performance;

import io.livepeerpool.protocol.performance.Admission;
import io.livepeerpool.protocol.performance.LatencyFigures;
import io.livepeerpool.protocol.performance.LatencyLimit;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import io.livepeerpool.schemas.avro.TranscoderStatus;
import java.time.Instant;

/**
 * The status record that follows an input, as pure functions of the previous status: a registration sets it
 * (reinstating an excluded transcoder when it passes), a job's figures update it, and figures over the limit exclude
 * an admitted transcoder.
 */
final class StatusChange {
    static final String REGISTERED = "Registered";
    static final String EXCLUDED = "Excluded";
    static final String LATENCY = "Latency";

    private StatusChange() {
    }

    /** The registration's recorded decision, with an empty window (a new benchmark starts a new watch). */
    static TranscoderStatus registered(TranscoderRegistration r) {
        return TranscoderStatus.newBuilder()
                .setTranscoder(r.getTranscoder())
                .setStatus(r.getStatus())
                .setMaxSessions(r.getMaxSessions())
                .setReason(r.getReason())
                .setSince(r.getReceivedAt())
                .setCause(REGISTERED)
                .setRegistrationId(r.getRequestId())
                .setP50Ms(0).setP95Ms(0).setSamples(0)
                .setAt(r.getReceivedAt())
                .build();
    }

    /** After a job: new figures; an admitted transcoder over the limit is excluded from {@code at} on. */
    static TranscoderStatus afterJob(TranscoderStatus previous, LatencyFigures figures, LatencyLimit limit, Instant at) {
        TranscoderStatus.Builder next = TranscoderStatus.newBuilder(previous)
                .setP50Ms(figures.p50Ms()).setP95Ms(figures.p95Ms()).setSamples(figures.samples())
                .setAt(at)
                .setCause(LATENCY);
        if (Admission.STATUS_ADMITTED.equals(previous.getStatus()) && limit.exceeded(figures)) {
            next.setStatus(Admission.STATUS_EXCLUDED).setMaxSessions(0).setReason(limit.reason(figures)).setSince(at)
                    .setCause(EXCLUDED);
        }
        return next.build();
    }
}
