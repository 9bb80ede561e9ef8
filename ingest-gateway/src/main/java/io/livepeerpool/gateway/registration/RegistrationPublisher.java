package io.livepeerpool.gateway.registration;

import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.kafka.AckedProducer;
import io.livepeerpool.gateway.kafka.RecordEncoder;
import io.livepeerpool.protocol.performance.Admission;
import io.livepeerpool.protocol.performance.Benchmark;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import java.math.BigDecimal;

/**
 * Writes a registration and the decision it got to the registrations topic, keyed by the lowercase transcoder
 * address, and returns once Kafka acknowledged it.
 */
public final class RegistrationPublisher {
    private final AckedProducer producer;
    private final RecordEncoder<TranscoderRegistration> encoder;

    public RegistrationPublisher(AckedProducer producer, RecordEncoder<TranscoderRegistration> encoder) {
        this.producer = producer;
        this.encoder = encoder;
    }

    public void publish(SignedRequest request, Registration registration, Admission admission) {
        producer.send(encoder.record(registration.transcoder().hex(), toAvro(request, registration, admission)));
    }

    static TranscoderRegistration toAvro(SignedRequest request, Registration registration, Admission admission) {
        Benchmark b = registration.benchmark();
        BigDecimal estimate = switch (admission) {
            case Admission.Admitted a -> a.estimateMs();
            case Admission.Excluded e -> e.estimateMs();
        };
        return TranscoderRegistration.newBuilder()
                .setRequestId(request.requestId())
                .setOrchestrator(request.key().orchestrator().hex())
                .setKeyId(request.key().keyId())
                .setReceivedAt(request.receivedAt())
                .setTranscoder(registration.transcoder().hex())
                .setRealtimeRatio(b.realtimeRatio().toPlainString())
                .setLatencyMs(b.latencyMs())
                .setDownloadMbps(b.downloadMbps().toPlainString())
                .setUploadMbps(b.uploadMbps().toPlainString())
                .setGpu(b.gpu())
                .setProfiles(b.profiles())
                .setStatus(admission.status())
                .setMaxSessions(admission.maxSessions())
                .setReason(admission.reason())
                .setEstimateMs(estimate.toPlainString())
                .build();
    }
}
