package io.livepeerpool.redeemer.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.stub.StreamObserver;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatReq;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatUpdate;
import io.livepeerpool.redeemer.grpc.proto.TicketRedeemerGrpc;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.serde.AvroSerializer;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How long a new max float takes from {@code pool.max-float} to an orchestrator: one MonitorMaxFloat stream for a
 * fresh sender, then one record at a time (each a new value), timed from before the send to its arrival on the stream.
 * Includes the broker's acknowledgement, the feed's poll and the gRPC hop; not the max float topology itself.
 */
public final class MaxFloatStreamBench {
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(10);

    /** Latencies in microseconds. */
    public record Result(int samples, long p50Micros, long p99Micros, long maxMicros) {
        @Override
        public String toString() {
            return String.format("max float record -> MonitorMaxFloat: %d updates, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    samples, p50Micros / 1e3, p99Micros / 1e3, maxMicros / 1e3);
        }
    }

    private MaxFloatStreamBench() {
    }

    public static Result run(String bootstrapServers, String schemaRegistryUrl, String redeemerAddress, int samples)
            throws Exception {
        byte[] address = new byte[20];
        new SecureRandom().nextBytes(address);
        String sender = "0x" + HexFormat.of().formatHex(address);
        Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        BlockingQueue<BigInteger> arrivals = new LinkedBlockingQueue<>();
        ManagedChannel channel = Grpc.newChannelBuilder(redeemerAddress, TlsChannelCredentials.newBuilder()
                .trustManager(InsecureTrustManagerFactory.INSTANCE.getTrustManagers()).build()).build();
        Context.CancellableContext stream = Context.current().withCancellation();
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(schemaRegistryUrl);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                     "acks", "all", "linger.ms", 0), new StringSerializer(), new ByteArraySerializer())) {
            AvroSerializer<MaxFloat> serializer = AvroSerde.forTopic(Topics.MAX_FLOAT, registry).serializer();
            stream.run(() -> TicketRedeemerGrpc.newStub(channel).monitorMaxFloat(
                    MaxFloatReq.newBuilder().setSender(ByteString.fromHex(sender.substring(2))).build(), collect(arrivals)));
            // the subscription is registered when the call reaches the server; a first value proves it is
            BigInteger warmup = BigInteger.valueOf(1_000_000_007L);
            awaitSubscribed(producer, serializer, sender, warmup, arrivals);
            for (int i = 1; i <= samples; i++) {
                BigInteger value = BigInteger.valueOf(i);
                long started = System.nanoTime();
                publish(producer, serializer, sender, value);
                BigInteger got = arrivals.poll(ARRIVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!value.equals(got)) {
                    throw new IllegalStateException("expected max float " + value + " on the stream, got " + got);
                }
                micros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
            }
        } finally {
            stream.cancel(null);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        return new Result(samples, micros.getValueAtPercentile(50), micros.getValueAtPercentile(99), micros.getMaxValue());
    }

    private static void awaitSubscribed(KafkaProducer<String, byte[]> producer, AvroSerializer<MaxFloat> serializer,
            String sender, BigInteger warmup, BlockingQueue<BigInteger> arrivals) throws Exception {
        Instant deadline = Instant.now().plus(ARRIVAL_TIMEOUT);
        BigInteger value = warmup;
        while (Instant.now().isBefore(deadline)) {
            publish(producer, serializer, sender, value);
            if (arrivals.poll(200, TimeUnit.MILLISECONDS) != null) {
                Thread.sleep(200);
                arrivals.clear();
                return;
            }
            value = value.add(BigInteger.ONE);
        }
        throw new IllegalStateException("MonitorMaxFloat at the redeemer delivered nothing within " + ARRIVAL_TIMEOUT);
    }

    private static StreamObserver<MaxFloatUpdate> collect(BlockingQueue<BigInteger> arrivals) {
        return new StreamObserver<>() {
            @Override
            public void onNext(MaxFloatUpdate update) {
                arrivals.add(new BigInteger(1, update.getMaxFloat().toByteArray()));
            }

            @Override
            public void onError(Throwable t) {
                // cancelled at the end of the run
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    private static void publish(KafkaProducer<String, byte[]> producer, AvroSerializer<MaxFloat> serializer, String sender,
            BigInteger value) throws Exception {
        BigDecimal wei = new BigDecimal(value);
        MaxFloat record = MaxFloat.newBuilder().setSender(sender).setMaxFloat(wei).setRawMaxFloat(wei).setDeposit(wei)
                .setWithdrawRound(0).setReserveFundsRemaining(wei).setReserveClaimedInCurrentRound(BigDecimal.ZERO)
                .setClaimedByRecipient(BigDecimal.ZERO).setPoolSize(1).setPending(BigDecimal.ZERO).setRound(0)
                .setCause("Bench").setAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.MAX_FLOAT.name(), sender,
                serializer.serialize(Topics.MAX_FLOAT.name(), record))).get(10, TimeUnit.SECONDS);
    }
}
