package io.livepeerpool.redeemer.grpc;

import static io.livepeerpool.redeemer.grpc.ProtoTicketsFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatReq;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatUpdate;
import io.livepeerpool.redeemer.grpc.proto.Ticket;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * The gRPC TicketRedeemer against the devstack's real broker and registry, called through the generated stubs as
 * go-livepeer's orchestrator calls it (TLS without verification, blocking connect, 8 s deadline per call).
 */
class TicketRedeemerServerTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private static Devstack devstack;
    private static TicketRedeemerServer server;
    private static OrchestratorClient client;
    private static TicketMaker broadcaster;
    private static Address orchestrator;
    private static SchemaRegistryClient registry;
    private static KafkaProducer<String, byte[]> maxFloatProducer;

    @BeforeAll
    static void start() throws Exception {
        devstack = SharedDevstack.get();
        devstack.createTopics(Topics.newTopics(0, (short) 1));
        orchestrator = Address.parse(Credentials.create(Keys.createEcKeyPair()).getAddress());
        broadcaster = new TicketMaker(null, Credentials.create(Keys.createEcKeyPair())); // rounds set per ticket
        server = TicketRedeemerServer.fromConfig(GrpcRedeemerConfig.load(ConfigSource.of(settings(devstack,
                VECTOR_RECIPIENT + ", " + orchestrator.checksummed()))));
        server.start();
        client = new OrchestratorClient(server.address());
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        maxFloatProducer = new KafkaProducer<>(Map.of("bootstrap.servers", devstack.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, String> settings(Devstack devstack, String recipients) {
        return Map.of("redeemer.grpc.host", "127.0.0.1", "redeemer.grpc.port", "0", "redeemer.grpc.dnsName", "localhost",
                "redeemer.grpc.recipients", recipients, "kafka.bootstrapServers", devstack.bootstrapServers(),
                "schemaRegistry.url", devstack.schemaRegistryUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (maxFloatProducer != null) {
            maxFloatProducer.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void goLivepeersTestVectorIsQueuedAndReadBackFromWinningTickets() throws Exception {
        try (TopicTail<WinningTicket> tail = new TopicTail<>(devstack, Topics.WINNING_TICKETS)) {
            client.blocking().queueTicket(vector());

            ConsumerRecord<String, WinningTicket> record = find(tail, VECTOR_HASH);
            WinningTicket t = record.value();
            assertThat(record.key()).isEqualTo(VECTOR_SENDER);
            assertThat(t.getOrchestrator()).isEqualTo(VECTOR_RECIPIENT);
            assertThat(t.getRecipient()).isEqualTo(VECTOR_RECIPIENT);
            assertThat(t.getKeyId()).isEqualTo("grpc");
            assertThat(t.getSender()).isEqualTo(VECTOR_SENDER);
            assertThat(t.getFaceValue().toBigIntegerExact()).isEqualTo(VECTOR_FACE_VALUE);
            assertThat(t.getWinProb().toBigIntegerExact()).isEqualTo(VECTOR_WIN_PROB);
            assertThat(t.getSenderNonce().toBigIntegerExact()).isEqualTo(BigInteger.valueOf(14));
            assertThat(t.getRecipientRandHash()).isEqualTo(VECTOR_RAND_HASH);
            assertThat(t.getCreationRound()).isEqualTo(1619);
            assertThat(t.getCreationRoundBlockHash()).isEqualTo(VECTOR_BLOCK_HASH);
            assertThat(t.getSig()).isEqualTo(VECTOR_SIG);
            assertThat(t.getRecipientRand().toBigIntegerExact()).isEqualTo(VECTOR_RAND);
            assertThat(t.getParamsExpirationBlock()).isEqualTo(VECTOR_EXPIRATION_BLOCK);
            assertThat(t.getRequestId()).matches("[0-9a-f-]{36}");
            assertThat(t.getReceivedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        }
    }

    @Test
    void ticketMakerTicketsAreQueuedInOrderUnderTheirSender() {
        List<SignedTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tickets.add(winning(orchestrator, BigInteger.valueOf(1_000 + i)));
        }
        try (TopicTail<WinningTicket> tail = new TopicTail<>(devstack, Topics.WINNING_TICKETS)) {
            for (SignedTicket t : tickets) {
                client.blocking().queueTicket(ProtoTicketsFixture.of(t, 777));
            }

            List<String> mine = tail.readUntil(r -> r.value().getTicketHash().equals(tickets.get(2).hash().hex()), READ_TIMEOUT)
                    .stream().filter(r -> r.key().equals(broadcaster.sender().hex())).map(r -> r.value().getTicketHash()).toList();
            assertThat(mine).containsExactly(tickets.stream().map(t -> t.hash().hex()).toArray(String[]::new));
        }
    }

    @Test
    void aTicketForAnotherRecipientIsPermissionDeniedAndNotWritten() throws Exception {
        Address stranger = Address.parse(Credentials.create(Keys.createEcKeyPair()).getAddress());
        SignedTicket denied = winning(stranger, BigInteger.TEN);

        try (TopicTail<WinningTicket> tail = new TopicTail<>(devstack, Topics.WINNING_TICKETS)) {
            assertThatThrownBy(() -> client.blocking().queueTicket(ProtoTicketsFixture.of(denied, 1)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(e.getStatus().getDescription()).isEqualTo("invalid ticket recipient " + stranger.checksummed());
                    });
            assertNothingWrittenBefore(tail, denied.hash());
        }
    }

    @Test
    void aTicketTheChainWouldRefuseIsInvalidArgumentNamingTheFieldAndNotWritten() throws Exception {
        SignedTicket good = winning(orchestrator, BigInteger.TEN);
        byte[] otherSig = winning(orchestrator, BigInteger.ONE).sig(); // a valid signature, over another ticket
        SignedTicket losing = broadcaster.draft(orchestrator).faceValue(BigInteger.TEN).winProb(TicketMaker.NEVER_WINS)
                .creationRound(BigInteger.valueOf(7), round7()).sign();

        try (TopicTail<WinningTicket> tail = new TopicTail<>(devstack, Topics.WINNING_TICKETS)) {
            assertInvalid(ProtoTicketsFixture.of(good, 1), t -> t.setSenderParams(t.getSenderParams().toBuilder()
                    .setSig(ByteString.copyFrom(otherSig))), "sender_params.sig: was not made by sender " + broadcaster.sender());
            assertInvalid(ProtoTicketsFixture.of(good, 1), t -> t.setRecipientRand(big(BigInteger.valueOf(42))),
                    "recipient_rand: recipientRand does not match recipientRandHash");
            assertInvalid(ProtoTicketsFixture.of(losing, 1), t -> t, "sender_params.sig: ticket did not win");
            assertInvalid(ProtoTicketsFixture.of(good, 1), t -> t.setSender(ByteString.copyFrom(new byte[19])),
                    "sender: must be a 20-byte address, got 19 bytes");
            assertInvalid(ProtoTicketsFixture.of(good, 1), t -> t.setSenderParams(t.getSenderParams().toBuilder()
                    .setSig(ByteString.copyFrom(new byte[64]))), "sender_params.sig: must be 65 bytes, got 64");
            assertInvalid(ProtoTicketsFixture.of(good, 1), t -> t.setTicketParams(t.getTicketParams().toBuilder()
                    .setRecipientRandHash(ByteString.copyFrom(new byte[31]))), "ticket_params.recipient_rand_hash: must be 32 bytes, got 31");
            assertNothingWrittenBefore(tail, good.hash());
        }
    }

    @Test
    void maxFloatIsTheLastValueOnTheTopicAsMinimalBytesAndZeroForAnUnknownSender() throws Exception {
        String sender = randomSender();
        assertThat(maxFloat(sender)).isEmpty();

        publishMaxFloat(sender, new BigInteger("123456789012345678901234567890"));
        awaitMaxFloat(sender, new BigInteger("123456789012345678901234567890"));
        publishMaxFloat(sender, BigInteger.ZERO);
        awaitMaxFloat(sender, BigInteger.ZERO);
        assertThat(maxFloat(sender)).isEmpty(); // go-livepeer's big.Int.Bytes() of 0

        assertThatThrownBy(() -> client.blocking().maxFloat(MaxFloatReq.newBuilder().setSender(ByteString.copyFrom(new byte[3])).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void monitorMaxFloatStreamsEveryNewValueInOrderAndAClientCancelLeavesNothingBehind() throws Exception {
        String sender = randomSender();
        String other = randomSender();
        BlockingQueue<BigInteger> received = new LinkedBlockingQueue<>();
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        Context.CancellableContext call = Context.current().withCancellation();
        call.run(() -> client.async().monitorMaxFloat(request(sender), new StreamObserver<>() {
            @Override
            public void onNext(MaxFloatUpdate update) {
                received.add(new BigInteger(1, update.getMaxFloat().toByteArray()));
            }

            @Override
            public void onError(Throwable t) {
                errors.add(t);
            }

            @Override
            public void onCompleted() {
                errors.add(new AssertionError("the server ended the stream"));
            }
        }));
        awaitSubscriptions(sender, 1);

        List<BigInteger> values = List.of(BigInteger.valueOf(5), BigInteger.valueOf(3), BigInteger.ZERO,
                new BigInteger("1000000000000000000000"));
        for (BigInteger value : values) {
            publishMaxFloat(sender, value);
            publishMaxFloat(other, value.add(BigInteger.ONE)); // another sender's changes are not streamed
            publishMaxFloat(sender, value); // unchanged: no message
        }
        List<BigInteger> got = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            BigInteger next = received.poll(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(next).as("update %d", i).isNotNull();
            got.add(next);
        }
        assertThat(got).containsExactlyElementsOf(values);

        call.cancel(null);
        awaitSubscriptions(sender, 0);
        publishMaxFloat(sender, BigInteger.TWO);
        awaitMaxFloat(sender, BigInteger.TWO);
        assertThat(received).isEmpty();
        assertThat(errors.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
        assertThat(server.healthy()).isTrue();
    }

    /** The bench runs (its figures are for `pool bench`, not asserted here). */
    @Test
    void theMaxFloatStreamBenchMeasuresEveryUpdate() throws Exception {
        MaxFloatStreamBench.Result result = MaxFloatStreamBench.run(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                server.address(), 20);

        assertThat(result.samples()).isEqualTo(20);
        assertThat(result.p50Micros()).isPositive().isLessThanOrEqualTo(result.p99Micros());
        System.out.println(result);
    }

    private SignedTicket winning(Address recipient, BigInteger faceValue) {
        return broadcaster.draft(recipient).faceValue(faceValue).winProb(TicketMaker.ALWAYS_WINS)
                .creationRound(BigInteger.valueOf(7), round7()).sign();
    }

    private static Bytes32 round7() {
        return Bytes32.parse("0x" + "77".repeat(32)); // no chain here: any round and block hash
    }

    private static ConsumerRecord<String, WinningTicket> find(TopicTail<WinningTicket> tail, String hash) {
        return tail.readUntil(r -> r.value().getTicketHash().equals(hash), READ_TIMEOUT).stream()
                .filter(r -> r.value().getTicketHash().equals(hash)).findFirst().orElseThrow();
    }

    /** Queues a valid ticket of the same sender (same partition, so order holds) and checks the refused one is not before it. */
    private void assertNothingWrittenBefore(TopicTail<WinningTicket> tail, Bytes32 refused) {
        SignedTicket sentinel = winning(orchestrator, BigInteger.TWO);
        client.blocking().queueTicket(ProtoTicketsFixture.of(sentinel, 1));
        List<String> hashes = tail.readUntil(r -> r.value().getTicketHash().equals(sentinel.hash().hex()), READ_TIMEOUT)
                .stream().map(r -> r.value().getTicketHash()).toList();
        assertThat(hashes).doesNotContain(refused.hex());
    }

    private static void assertInvalid(Ticket base, UnaryOperator<Ticket.Builder> change, String description) {
        Ticket bad = change.apply(base.toBuilder()).build();
        assertThatThrownBy(() -> client.blocking().queueTicket(bad)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo(description);
        });
    }

    private static MaxFloatReq request(String sender) {
        return MaxFloatReq.newBuilder().setSender(hex(sender)).build();
    }

    private static byte[] maxFloat(String sender) {
        return client.blocking().maxFloat(request(sender)).getMaxFloat().toByteArray();
    }

    private static void awaitMaxFloat(String sender, BigInteger expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        while (!new BigInteger(1, maxFloat(sender)).equals(expected)) {
            assertThat(Instant.now()).as("max float of %s reaches %s", sender, expected).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitSubscriptions(String sender, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        while (server.maxFloatFeed().subscriptions(sender) != expected) {
            assertThat(Instant.now()).as("%s subscriptions of %s", expected, sender).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    static void publishMaxFloat(KafkaProducer<String, byte[]> producer, SchemaRegistryClient registry, String sender,
            BigInteger value) throws Exception {
        BigDecimal wei = new BigDecimal(value);
        MaxFloat record = MaxFloat.newBuilder().setSender(sender).setMaxFloat(wei).setRawMaxFloat(wei).setDeposit(wei)
                .setWithdrawRound(0).setReserveFundsRemaining(wei).setReserveClaimedInCurrentRound(BigDecimal.ZERO)
                .setClaimedByRecipient(BigDecimal.ZERO).setPoolSize(1).setPending(BigDecimal.ZERO).setRound(1)
                .setCause("ReserveFunded").setAt(Instant.now()).build();
        byte[] bytes = AvroSerde.forTopic(Topics.MAX_FLOAT, registry).serializer().serialize(Topics.MAX_FLOAT.name(), record);
        producer.send(new ProducerRecord<>(Topics.MAX_FLOAT.name(), sender, bytes)).get(10, TimeUnit.SECONDS);
    }

    private static void publishMaxFloat(String sender, BigInteger value) throws Exception {
        publishMaxFloat(maxFloatProducer, registry, sender, value);
    }

    private static String randomSender() throws Exception {
        return "0x" + Keys.getAddress(Keys.createEcKeyPair());
    }

}
