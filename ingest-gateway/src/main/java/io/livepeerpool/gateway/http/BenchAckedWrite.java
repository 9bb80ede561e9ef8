package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import io.livepeerpool.gateway.kafka.AckedProducer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code POST /bench/acked}: the bare endpoint plus the one thing every accepted write waits for, an acknowledged
 * ({@code acks=all}) write through the gateway's shared idempotent producer: the raw body, to {@link #TOPIC}, which
 * nothing consumes. No signature, nonce, JSON, validation or Avro, so the ingest benchmark's phase against it is the
 * most a signed single post could reach on the same machine whatever the gateway's own code costs. Off unless
 * {@code gateway.benchBaseline=true}. The topic must exist ({@code pool bench ingest --stack gateway} creates it);
 * without it the write is not acknowledged in time and the answer is a 503, as for any write.
 */
public final class BenchAckedWrite {
    public static final String TOPIC = "pool.bench-acked";
    private static final Map<String, String> ACCEPTED = Map.of("status", "accepted");

    private final AckedProducer producer;
    private final AtomicLong sequence = new AtomicLong();

    public BenchAckedWrite(AckedProducer producer) {
        this.producer = producer;
    }

    public void accept(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        // a new key a post spreads the writes over the topic's partitions, as the jobs' keys do
        producer.send(new ProducerRecord<>(TOPIC, Long.toString(sequence.incrementAndGet()), body));
        ctx.status(202).json(ACCEPTED);
    }
}
