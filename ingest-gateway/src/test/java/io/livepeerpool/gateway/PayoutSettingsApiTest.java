package io.livepeerpool.gateway;

import io.livepeerpool.schemas.topics.JobKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.LedgerService;
import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.ledger.streams.bench.CatchUp;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutSettings;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * {@code POST /setPayoutSettings} and {@code GET /getPayoutSettings} against the devstack's broker, registry and
 * database. The member signs the typed-data JSON the README shows (built here by hand, not by the gateway's code),
 * with web3j, and once with ethers in node. Every refusal leaves nothing in {@code pool.payout-settings}.
 */
class PayoutSettingsApiTest {
    private static final long CHAIN_ID = 31337;
    private static final BigInteger POOL_THRESHOLD = BigInteger.TEN.pow(16);

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static TopicProbe<PayoutSettings> settings;

    @BeforeAll
    static void start() throws Exception {
        Devstack devstack = TestGateway.devstack();
        gateway = TestGateway.start(dir);
        settings = new TopicProbe<>(devstack, Topics.PAYOUT_SETTINGS);
    }

    @AfterAll
    static void stop() {
        if (settings != null) {
            settings.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** The typed data of the README, as a wallet's eth_signTypedData_v4 takes it. */
    static String typedData(long chainId, String transcoder, String payoutAddress, BigInteger threshold, long nonce,
                            long expiry) {
        return """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},\
                {"name":"chainId","type":"uint256"}],"PayoutSettings":[{"name":"transcoder","type":"address"},\
                {"name":"payoutAddress","type":"address"},{"name":"threshold","type":"uint256"},\
                {"name":"nonce","type":"uint256"},{"name":"expiry","type":"uint256"}]},\
                "primaryType":"PayoutSettings","domain":{"name":"Livepeer Pool","version":"1","chainId":%d},\
                "message":{"transcoder":"%s","payoutAddress":"%s","threshold":"%s","nonce":"%d","expiry":"%d"}}"""
                .formatted(chainId, transcoder, payoutAddress, threshold, nonce, expiry);
    }

    static String sign(ECKeyPair key, String typedData) throws Exception {
        byte[] digest = new StructuredDataEncoder(typedData).hashStructuredData();
        Sign.SignatureData s = Sign.signMessage(digest, key, false);
        return Numeric.toHexString(s.getR()) + Numeric.toHexStringNoPrefix(s.getS())
                + Numeric.toHexStringNoPrefix(s.getV());
    }

    static String body(String transcoder, String payoutAddress, BigInteger threshold, long nonce, long expiry,
                       Long chainId, String signature) {
        return "{\"transcoder\":\"" + transcoder + "\",\"payoutAddress\":\"" + payoutAddress + "\",\"threshold\":\""
                + threshold + "\",\"nonce\":" + nonce + ",\"expiry\":" + expiry
                + (chainId == null ? "" : ",\"chainId\":" + chainId) + ",\"signature\":\"" + signature + "\"}";
    }

    static TestGateway.Answer post(TestGateway to, String body) throws Exception {
        return to.post("/setPayoutSettings", body.getBytes(StandardCharsets.UTF_8), Map.of(), "application/json");
    }

    static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key.getPublicKey());
    }

    static long inAnHour() {
        return Instant.now().getEpochSecond() + 3_600;
    }

    /** What the topic gained since the mark for {@code transcoder}. */
    static List<ConsumerRecord<String, PayoutSettings>> written(String transcoder) {
        return settings.sinceMark().stream().filter(r -> transcoder.equals(r.key())).toList();
    }

    @Test
    void aMembersSignedSettingsAreWrittenProjectedServedAndTheirNonceCannotBeReplayed() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        String transcoder = address(key);
        String payee = address(Keys.createEcKeyPair());
        BigInteger threshold = POOL_THRESHOLD.multiply(BigInteger.valueOf(3));
        long expiry = inAnHour();
        String signature = sign(key, typedData(CHAIN_ID, transcoder, payee, threshold, 7, expiry));
        String body = body(Keys.toChecksumAddress(transcoder), payee, threshold, 7, expiry, CHAIN_ID, signature);
        settings.mark();

        TestGateway.Answer answer = post(gateway, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("nonce").asLong()).isEqualTo(7);
        List<ConsumerRecord<String, PayoutSettings>> records = settings.await(r -> transcoder.equals(r.key()), 1,
                Duration.ofSeconds(10));
        PayoutSettings written = records.get(0).value();
        assertThat(written.getTranscoder()).isEqualTo(transcoder);
        assertThat(written.getPayoutAddress()).isEqualTo(payee);
        assertThat(written.getThreshold()).isEqualTo(new BigDecimal(threshold));
        assertThat(written.getNonce()).isEqualTo(7);
        assertThat(written.getExpiry()).isEqualTo(expiry);
        assertThat(written.getChainId()).isEqualTo(CHAIN_ID);
        assertThat(written.getSignature()).isEqualTo(signature.toLowerCase());

        // the same signed request again, to this gateway: its own acceptance is remembered
        TestGateway.Answer replayed = post(gateway, body);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(409);
        assertThat(replayed.field()).isEqualTo("nonce");

        Devstack devstack = TestGateway.devstack();
        try (Projector projector = Projector.create(new ProjectorConfig(devstack.bootstrapServers(),
                devstack.schemaRegistryUrl(), devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(),
                "gateway-payout-settings-test-" + UUID.randomUUID(), 500, 100), Metrics.newRegistry())) {
            projector.start();
            JsonNode served = await("/getPayoutSettings?transcoderAddress=" + transcoder,
                    s -> s.get("signed").asBoolean());
            assertThat(served.get("payoutAddress").asText()).isEqualTo(payee);
            assertThat(served.get("threshold").asText()).isEqualTo(threshold.toString());
            assertThat(served.get("effectiveThreshold").asText()).isEqualTo(threshold.toString());
            assertThat(served.get("nonce").asLong()).isEqualTo(7);
            assertThat(served.get("signature").asText()).isEqualTo(signature.toLowerCase());
        }

        // a fresh gateway (nothing in memory) learns the last nonce from the read model
        settings.mark();
        try (TestGateway other = TestGateway.start(dir)) {
            TestGateway.Answer again = post(other, body);
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.field()).isEqualTo("nonce");
            String older = sign(key, typedData(CHAIN_ID, transcoder, payee, threshold, 6, expiry));
            assertThat(post(other, body(transcoder, payee, threshold, 6, expiry, null, older)).field())
                    .isEqualTo("nonce");
        }
        assertThat(written(transcoder)).isEmpty();

        JsonNode unsigned = gateway.get("/getPayoutSettings?transcoderAddress=" + payee).json();
        assertThat(unsigned.get("signed").asBoolean()).isFalse();
        assertThat(unsigned.get("payoutAddress").asText()).isEqualTo(payee);
        assertThat(unsigned.get("threshold").asText()).isEqualTo(POOL_THRESHOLD.toString());
    }

    /**
     * The record this gateway wrote, copied as it is to a ledger's settings topic (a ledger of its own, on topics of
     * its own, so other tests' catalogue data stays out): from the next settlement the member is paid at its own
     * threshold (2x the pool's: 1.5x is not enough) and to its payout address.
     */
    @Test
    void theAcceptedRecordAppliesAtTheLedgersNextSettlement() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        String transcoder = address(key);
        String payee = address(Keys.createEcKeyPair());
        BigInteger threshold = POOL_THRESHOLD.shiftLeft(1);
        long expiry = inAnHour();
        settings.mark();
        TestGateway.Answer answer = post(gateway, body(transcoder, payee, threshold, 1, expiry, null,
                sign(key, typedData(CHAIN_ID, transcoder, payee, threshold, 1, expiry))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        PayoutSettings accepted = settings.await(r -> transcoder.equals(r.key()), 1, Duration.ofSeconds(10)).get(0)
                .value();

        Devstack devstack = TestGateway.devstack();
        String suffix = "gw-settings-" + UUID.randomUUID();
        LedgerTopics topics = LedgerTopics.catalogue().withSuffix(suffix).withPartitions(1);
        devstack.createTopics(topics.newTopics((short) 1));
        String applicationId = "ledger-" + suffix;
        Path stateDir = Files.createTempDirectory(dir, "ledger-");
        String orchestrator = "0x00000000000000000000000000000000000000a1";
        LedgerConfig config = new LedgerConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                applicationId, stateDir, 1, LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", orchestrator,
                        "ledger.poolFeePpm", "0")));
        BigInteger halfAndOne = POOL_THRESHOLD.add(POOL_THRESHOLD.shiftRight(1));
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
             LedgerService ledger = LedgerService.create(config, topics, Map.of(), null);
             CatchUp catchUp = new CatchUp(devstack.bootstrapServers(), applicationId, List.of(topics.jobs().name(),
                     topics.chainEvents().name(), topics.payoutSettings().name(), topics.epochMarkers().name(),
                     topics.barrier().name()));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
             TopicProbe<PayoutRequest> requests = new TopicProbe<>(devstack, topics.payoutRequests())) {
            ledger.start();
            Records send = new Records(producer, registry);
            send.put(topics.payoutSettings().name(), transcoder, accepted);
            for (int round = 1; round <= 2; round++) {
                send.put(topics.jobs().name(), JobKeys.of(orchestrator, "job-" + round), new TranscoderJob("req-" + round, orchestrator, "key-1",
                        Instant.now(), "job-" + round, transcoder, 1_000L, 2_000L, 1, (long) round, BigDecimal.ZERO, null, null, null));
                send.put(topics.chainEvents().name(), orchestrator, new ChainEvent((long) round, hash(round),
                        hash(100 + round), 0, orchestrator, new WinningTicketTransferEvent(orchestrator, orchestrator,
                        new BigDecimal(round == 1 ? halfAndOne : POOL_THRESHOLD), BigDecimal.ZERO, 1, 0)));
                producer.flush();
                catchUp.await(Duration.ofSeconds(120), ledger::healthy);
                send.put(topics.chainEvents().name(), Long.toString(round), new ChainEvent(round * 10L,
                        hash(200 + round), hash(300 + round), 0, orchestrator,
                        new NewRoundEvent((long) round, hash(200 + round), null)));
                producer.flush();
                catchUp.await(Duration.ofSeconds(120), ledger::healthy);
            }
            List<PayoutRequest> paid = requests.await(r -> true, 1, Duration.ofSeconds(30)).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(paid).singleElement().satisfies(request -> {
                assertThat(request.getRound()).isEqualTo(2);
                assertThat(request.getTranscoder()).isEqualTo(transcoder);
                assertThat(request.getPayee()).isEqualTo(payee);
                assertThat(request.getAmount().toBigIntegerExact()).isEqualTo(halfAndOne.add(POOL_THRESHOLD));
            });
        }
    }

    private record Records(KafkaProducer<String, byte[]> producer, SchemaRegistryClient registry) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        void put(String topic, String key, SpecificRecord value) {
            AvroSerde serde = AvroSerde.forClass(value.getClass(), registry);
            producer.send(new ProducerRecord<>(topic, key, serde.serializer().serialize(topic, value)));
        }
    }

    private static String hash(long n) {
        return "0x" + String.format(java.util.Locale.ROOT, "%064x", n);
    }

    @Test
    void aSignatureByAnotherKeyIs401AndNothingIsWritten() throws Exception {
        ECKeyPair member = Keys.createEcKeyPair();
        ECKeyPair other = Keys.createEcKeyPair();
        String transcoder = address(member);
        long expiry = inAnHour();
        String forged = sign(other, typedData(CHAIN_ID, transcoder, transcoder, POOL_THRESHOLD, 1, expiry));
        String good = sign(member, typedData(CHAIN_ID, transcoder, transcoder, POOL_THRESHOLD, 1, expiry));
        settings.mark();

        TestGateway.Answer answer = post(gateway, body(transcoder, transcoder, POOL_THRESHOLD, 1, expiry, null, forged));
        // the member's signature over other values (the threshold changed after signing)
        TestGateway.Answer tampered = post(gateway, body(transcoder, transcoder, POOL_THRESHOLD.add(BigInteger.ONE), 1,
                expiry, null, good));
        TestGateway.Answer garbage = post(gateway, body(transcoder, transcoder, POOL_THRESHOLD, 1, expiry, null,
                "0x" + "11".repeat(64) + "1f"));

        for (TestGateway.Answer refused : List.of(answer, tampered, garbage)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.field()).isEqualTo("signature");
            assertThat(refused.error()).isEqualTo("unauthenticated");
        }
        assertThat(written(transcoder)).isEmpty();
    }

    @Test
    void anExpiredSignatureAWrongChainIdAndAThresholdBelowThePoolsAreRefusedNamingTheField() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        String t = address(key);
        long past = Instant.now().getEpochSecond() - 1;
        long expiry = inAnHour();
        BigInteger below = POOL_THRESHOLD.subtract(BigInteger.ONE);
        settings.mark();

        TestGateway.Answer expired = post(gateway, body(t, t, POOL_THRESHOLD, 1, past, null,
                sign(key, typedData(CHAIN_ID, t, t, POOL_THRESHOLD, 1, past))));
        String mainnet = sign(key, typedData(1, t, t, POOL_THRESHOLD, 1, expiry));
        TestGateway.Answer wrongChainNamed = post(gateway, body(t, t, POOL_THRESHOLD, 1, expiry, 1L, mainnet));
        TestGateway.Answer wrongChainSigned = post(gateway, body(t, t, POOL_THRESHOLD, 1, expiry, null, mainnet));
        TestGateway.Answer low = post(gateway, body(t, t, below, 1, expiry, null,
                sign(key, typedData(CHAIN_ID, t, t, below, 1, expiry))));
        TestGateway.Answer noNonce = post(gateway, "{\"transcoder\":\"" + t + "\",\"payoutAddress\":\"" + t
                + "\",\"threshold\":\"1\",\"expiry\":1,\"signature\":\"0x\"}");

        assertThat(expired.status()).as(expired.body()).isEqualTo(400);
        assertThat(expired.field()).isEqualTo("expiry");
        assertThat(wrongChainNamed.status()).as(wrongChainNamed.body()).isEqualTo(400);
        assertThat(wrongChainNamed.field()).isEqualTo("chainId");
        assertThat(wrongChainSigned.status()).as(wrongChainSigned.body()).isEqualTo(401);
        assertThat(wrongChainSigned.field()).isEqualTo("signature");
        assertThat(low.status()).as(low.body()).isEqualTo(400);
        assertThat(low.field()).isEqualTo("threshold");
        assertThat(noNonce.status()).isEqualTo(400);
        assertThat(noNonce.field()).isEqualTo("nonce");
        assertThat(written(t)).isEmpty();
    }

    @Test
    void settingsSignedWithEthersAsTheReadmeShowsAreAccepted() throws Exception {
        Path nodeModules = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("chain")
                .resolve("node_modules");
        assumeTrue(Files.isDirectory(nodeModules.resolve("@ethersproject/hash")), "ethers (v5) in chain/node_modules");
        ECKeyPair key = Keys.createEcKeyPair();
        String t = address(key);
        long expiry = inAnHour();
        Path script = Path.of(PayoutSettingsApiTest.class.getResource("/payouts/sign-typed-data.js").toURI());
        ProcessBuilder node = new ProcessBuilder("node", script.toString(),
                typedData(CHAIN_ID, t, t, POOL_THRESHOLD, 1, expiry), Numeric.toHexStringWithPrefixZeroPadded(
                        key.getPrivateKey(), 64));
        node.environment().put("NODE_PATH", nodeModules.toString());
        node.redirectErrorStream(true);
        Process process = node.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as(output).isZero();

        TestGateway.Answer answer = post(gateway, body(t, t, POOL_THRESHOLD, 1, expiry, CHAIN_ID, output));

        assertThat(output).isEqualTo(sign(key, typedData(CHAIN_ID, t, t, POOL_THRESHOLD, 1, expiry)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private static JsonNode await(String pathAndQuery, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode answer = gateway.get(pathAndQuery).json();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = gateway.get(pathAndQuery).json();
        }
        assertThat(done.test(answer)).as(pathAndQuery + " within 30 s: " + answer).isTrue();
        return answer;
    }
}
