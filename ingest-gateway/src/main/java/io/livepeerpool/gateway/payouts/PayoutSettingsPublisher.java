package io.livepeerpool.gateway.payouts;

import io.livepeerpool.gateway.kafka.AckedProducer;
import io.livepeerpool.gateway.kafka.RecordEncoder;
import io.livepeerpool.schemas.avro.PayoutSettings;

/** Writes accepted payout settings to {@code pool.payout-settings}, keyed by the member; returns once acknowledged. */
public final class PayoutSettingsPublisher {
    private final AckedProducer producer;
    private final RecordEncoder<PayoutSettings> encoder;

    public PayoutSettingsPublisher(AckedProducer producer, RecordEncoder<PayoutSettings> encoder) {
        this.producer = producer;
        this.encoder = encoder;
    }

    public void publish(PayoutSettings settings) {
        producer.send(encoder.record(settings.getTranscoder(), settings));
    }
}
