package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.gateway.tickets.TestTickets;
import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Winning tickets and their redemption outcomes, end to end on the shared devstack: WinningTicket and Redemption
 * records on the real topics (one ticket posted through the gateway itself), the real projector, and the reads over
 * HTTPS. Tickets have fresh random hashes; the pool-wide list is read from a time block of its own.
 */
class WinningTicketReadApiTest {
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant RECORDED = Instant.parse("2025-06-02T08:30:00.125Z");

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static Devstack devstack;
    static SchemaRegistryClient registry;
    static Projector projector;
    static HikariDataSource db;

    @BeforeAll
    static void start() throws Exception {
        devstack = TestGateway.devstack();
        gateway = TestGateway.start(dir);
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        projector = Projector.create(new ProjectorConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(),
                "gateway-ticket-read-test-" + UUID.randomUUID(), 500, 100), Metrics.newRegistry());
        projector.start();
        db = ReadModelDatabase.pool(devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(), 1, "gateway-ticket-read-test");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (projector != null) {
            projector.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyOutcomeIsServedWhicheverOfTicketAndOutcomeWasProjectedFirst() throws Exception {
        // a real ticket posted through the gateway, its outcome after it
        ObjectNode posted = TestTickets.winning(TestGateway.ORCH_A, TestTickets.newKey());
        TestGateway.Answer accepted = gateway.postSigned("/recordWinningTicket", TestTickets.body(posted).toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String claimed = accepted.json().get("ticketHash").asText();
        JsonNode notClaimed = await(claimed, t -> true);
        assertThat(notClaimed.get("status").asText()).isEqualTo("Not claimed");
        for (String field : List.of("reason", "txHash", "redeemedBlock", "amountTransferred", "gasFees", "redeemedAt")) {
            assertThat(notClaimed.get(field).isNull()).as(field).isTrue();
        }
        BigInteger transferred = new BigInteger(posted.get("faceValue").asText());
        produce(Topics.REDEMPTIONS, claimed, redeemed(claimed, posted.get("sender").asText(), transferred, 2, new BigInteger("10500000000000")));

        // outcome first: the ticket arrives after it is stored
        String failed = newHash();
        produce(Topics.REDEMPTIONS, failed, outcome(failed, RedemptionStatus.Failed)
                .setReason("ECDSA: invalid signature").build());
        String expired = newHash();
        produce(Topics.REDEMPTIONS, expired, outcome(expired, RedemptionStatus.Expired).setReason("ticket is expired").build());
        awaitOutcomeStored(failed);
        awaitOutcomeStored(expired);
        assertThat(gateway.get("/getWinningTicket?ticketHash=" + failed).status()).as("an outcome is no ticket").isEqualTo(404);
        produce(Topics.WINNING_TICKETS, SENDER, ticket(failed, Instant.now().minusSeconds(60)).build());
        produce(Topics.WINNING_TICKETS, SENDER, ticket(expired, Instant.now().minusSeconds(60)).build());
        // a second, different outcome of a ticket: the first one counts
        produce(Topics.REDEMPTIONS, failed, redeemed(failed, SENDER, BigInteger.ONE, 1, null));

        JsonNode claimedRow = await(claimed, t -> t.get("status").asText().equals("Claimed"));
        assertThat(claimedRow.get("ticketHash").asText()).isEqualTo(claimed);
        assertThat(claimedRow.get("sender").asText()).isEqualTo(posted.get("sender").asText());
        assertThat(claimedRow.get("recipient").asText()).isEqualTo(TestGateway.ORCH_A.hex());
        assertThat(claimedRow.get("faceValue").asText()).isEqualTo(transferred.toString());
        assertThat(claimedRow.get("reason").isNull()).isTrue();
        assertThat(claimedRow.get("txHash").asText()).isEqualTo(txHash(claimed));
        assertThat(claimedRow.get("redeemedBlock").asLong()).isEqualTo(777L);
        assertThat(claimedRow.get("amountTransferred").asText()).isEqualTo(transferred.toString());
        assertThat(claimedRow.get("gasFees").asText()).isEqualTo("10500000000000");
        assertThat(claimedRow.get("creationRound").asLong()).isEqualTo(3500);
        assertThat(claimedRow.get("redeemedAt").asText()).isEqualTo(RECORDED.toString());
        assertThat(fieldNames(claimedRow)).containsExactly("ticketHash", "sender", "recipient", "faceValue", "status",
                "reason", "txHash", "redeemedBlock", "amountTransferred", "gasFees", "creationRound", "receivedAt",
                "redeemedAt");
        assertThat(claimedRow.toString()).doesNotContain(posted.get("sig").asText().substring(2))
                .doesNotContain(posted.get("recipientRand").asText());

        JsonNode failedRow = await(failed, t -> !t.get("status").asText().equals("Not claimed"));
        assertThat(failedRow).isEqualTo(Json.mapper().readTree("{\"ticketHash\":\"" + failed + "\",\"sender\":\"" + SENDER
                + "\",\"recipient\":\"" + TestGateway.ORCH_A.hex() + "\",\"faceValue\":\"" + UINT256_MAX
                + "\",\"status\":\"Failed\",\"reason\":\"ECDSA: invalid signature\",\"txHash\":null,\"redeemedBlock\":null,"
                + "\"amountTransferred\":\"0\",\"gasFees\":null,\"creationRound\":4100,\"receivedAt\":\""
                + failedRow.get("receivedAt").asText() + "\",\"redeemedAt\":\"" + RECORDED + "\"}"));
        JsonNode expiredRow = await(expired, t -> !t.get("status").asText().equals("Not claimed"));
        assertThat(expiredRow.get("status").asText()).isEqualTo("Expired");
        assertThat(expiredRow.get("reason").asText()).isEqualTo("ticket is expired");
        assertThat(expiredRow.get("amountTransferred").asText()).isEqualTo("0");
    }

    @Test
    void theLast30DaysPageNewestFirstWithoutGapsOrRepeatsAcrossTies() throws Exception {
        // a block of time of its own, well inside the window; three tickets share one instant
        Instant top = Instant.now().minus(10 + RANDOM.nextInt(10), ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<Listed> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Instant at = i < 3 ? top : top.minusSeconds(i);
            expected.add(new Listed(at, newHash()));
        }
        expected.sort(Comparator.comparing(Listed::receivedAt).reversed().thenComparing(Listed::ticketHash));
        for (Listed t : expected) {
            produce(Topics.WINNING_TICKETS, SENDER, ticket(t.ticketHash(), t.receivedAt()).build());
        }
        // each status on the way (page items show them), and one ticket older than 30 days
        produce(Topics.REDEMPTIONS, expected.get(0).ticketHash(),
                redeemed(expected.get(0).ticketHash(), SENDER, BigInteger.TEN, 1, null));
        produce(Topics.REDEMPTIONS, expected.get(1).ticketHash(),
                outcome(expected.get(1).ticketHash(), RedemptionStatus.Expired).setReason("ticket is expired").build());
        String old = newHash();
        produce(Topics.WINNING_TICKETS, SENDER, ticket(old, Instant.now().minus(31, ChronoUnit.DAYS)).build());
        await(old, t -> true);
        await(expected.get(0).ticketHash(), t -> t.get("status").asText().equals("Claimed"));
        await(expected.get(1).ticketHash(), t -> t.get("status").asText().equals("Expired"));
        for (Listed t : expected) {
            await(t.ticketHash(), x -> true);
        }

        List<List<Listed>> pages = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        String before = top.plusMillis(1).toString();
        while (before != null && pages.size() < 10) {
            JsonNode page = get("/getWinningTickets?limit=3&before=" + q(before));
            List<Listed> rows = new ArrayList<>();
            page.get("tickets").forEach(t -> {
                rows.add(new Listed(Instant.parse(t.get("receivedAt").asText()), t.get("ticketHash").asText()));
                items.add(t);
            });
            pages.add(rows);
            boolean pastBlock = rows.isEmpty() || rows.getLast().receivedAt().isBefore(expected.getLast().receivedAt());
            before = page.get("nextBefore").isNull() || pastBlock ? null : page.get("nextBefore").asText();
        }

        List<Listed> mine = pages.stream().flatMap(List::stream).filter(expected::contains).toList();
        assertThat(mine).containsExactlyElementsOf(expected);
        assertThat(pages.get(0)).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(pages.get(1)).containsExactlyElementsOf(expected.subList(3, 6));
        assertThat(items.get(0).get("status").asText()).isEqualTo("Claimed");
        assertThat(items.get(1).get("status").asText()).isEqualTo("Expired");
        assertThat(items.get(2).get("status").asText()).isEqualTo("Not claimed");
        assertThat(items.get(0).get("gasFees").asText()).as("one ticket in its transaction: all its gas").isEqualTo("21000000000000");
        JsonNode beyond = get("/getWinningTickets?limit=1000&before=" + q(Instant.now().minus(30, ChronoUnit.DAYS).plusSeconds(60).toString()));
        beyond.get("tickets").forEach(t -> assertThat(t.get("ticketHash").asText()).isNotEqualTo(old));
        assertThat(get("/getWinningTicket?ticketHash=" + old).get("ticketHash").asText())
                .as("older than the list's window, still found by hash").isEqualTo(old);
        JsonNode firstPage = get("/getWinningTickets?limit=1");
        assertThat(fieldNames(firstPage)).containsExactly("tickets", "nextBefore");
    }

    @Test
    void anUnknownTicketIs404AndAMalformedHashIs400NamingIt() throws Exception {
        String unknown = newHash();
        TestGateway.Answer missing = gateway.get("/getWinningTicket?ticketHash=" + unknown);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("not_found");
        assertThat(missing.field()).isEqualTo("ticketHash");
        assertThat(missing.json().get("message").asText()).contains(unknown);

        for (String bad : List.of("", "0x12", "0x" + "g".repeat(64), unknown.substring(2), unknown + "00",
                q(" " + unknown), "0x" + "1".repeat(600))) {
            assertBad("/getWinningTicket?ticketHash=" + bad, "ticketHash");
        }
        assertBad("/getWinningTicket", "ticketHash");
        assertBad("/getWinningTickets?limit=0", "limit");
        assertBad("/getWinningTickets?limit=1001", "limit");
        assertBad("/getWinningTickets?before=nope", "before");
        assertBad("/getWinningTickets?before=4100", "before");

        // the hash is case-insensitive on the way in, lowercase on the way out
        String known = newHash();
        produce(Topics.WINNING_TICKETS, SENDER, ticket(known, Instant.now()).build());
        await(known, t -> true);
        TestGateway.Answer upper = gateway.get("/getWinningTicket?ticketHash=0x" + known.substring(2).toUpperCase(Locale.ROOT));
        assertThat(upper.status()).as(upper.body()).isEqualTo(200);
        assertThat(upper.json().get("ticketHash").asText()).isEqualTo(known);
    }

    // ---- values ----

    private static final String SENDER = "0x" + "5e".repeat(20);

    record Listed(Instant receivedAt, String ticketHash) {
    }

    private static String newHash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /** The redemption transaction of a ticket in these tests: derived from its hash. */
    private static String txHash(String ticketHash) {
        return "0x" + new StringBuilder(ticketHash.substring(2)).reverse();
    }

    private static WinningTicket.Builder ticket(String ticketHash, Instant receivedAt) {
        return WinningTicket.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setOrchestrator(TestGateway.ORCH_A.hex())
                .setKeyId(TestGateway.KEY_A1)
                .setReceivedAt(receivedAt)
                .setTicketHash(ticketHash)
                .setRecipient(TestGateway.ORCH_A.hex())
                .setSender(SENDER)
                .setFaceValue(new BigDecimal(UINT256_MAX))
                .setWinProb(new BigDecimal(UINT256_MAX))
                .setSenderNonce(BigDecimal.ONE)
                .setRecipientRandHash(newHash())
                .setCreationRound(4100)
                .setCreationRoundBlockHash(newHash())
                .setSig("0x" + "ab".repeat(65))
                .setRecipientRand(new BigDecimal(BigInteger.valueOf(31337)));
    }

    private static Redemption.Builder outcome(String ticketHash, RedemptionStatus status) {
        return Redemption.newBuilder()
                .setTicketHash(ticketHash)
                .setSender(SENDER)
                .setRecipient(TestGateway.ORCH_A.hex())
                .setFaceValue(new BigDecimal(UINT256_MAX))
                .setStatus(status)
                .setAmountTransferred(BigDecimal.ZERO)
                .setRedeemerId("redeemer-test")
                .setAt(RECORDED);
    }

    /** Redeemed in block 777 by a transaction of 21e12 wei of gas over {@code txTickets} tickets. */
    private static Redemption redeemed(String ticketHash, String sender, BigInteger amount, int txTickets, BigInteger gasShare) {
        return outcome(ticketHash, RedemptionStatus.Redeemed).setSender(sender).setTxHash(txHash(ticketHash))
                .setBlockNumber(777L).setTxGasCost(new BigDecimal("21000000000000")).setTxTickets(txTickets)
                .setGasShare(gasShare == null ? null : new BigDecimal(gasShare))
                .setAmountTransferred(new BigDecimal(amount)).build();
    }

    private static <V extends SpecificRecord> void produce(TopicSpec<V> topic, String key, V value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(p, new StringSerializer(),
                AvroSerde.forTopic(topic, registry).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    // ---- reading ----

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        TestGateway.Answer answer = gateway.get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The ticket once the gateway serves it and {@code done} holds, within 30 s. */
    private static JsonNode await(String ticketHash, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String path = "/getWinningTicket?ticketHash=" + ticketHash;
        TestGateway.Answer answer = gateway.get(path);
        while (!(answer.status() == 200 && done.test(answer.json())) && System.nanoTime() < deadline) {
            assertThat(answer.status()).as(path + ": " + answer.body()).isIn(200, 404);
            Thread.sleep(200);
            answer = gateway.get(path);
        }
        assertThat(answer.status() == 200 && done.test(answer.json())).as(path + " within 30 s: " + answer.body()).isTrue();
        return answer.json();
    }

    /** Waits until the projector has committed the outcome of this ticket (in the redemptions table). */
    private static void awaitOutcomeStored(String ticketHash) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM redemptions WHERE ticket_hash = ?")) {
                ps.setString(1, ticketHash);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 1) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("outcome of " + ticketHash + " not projected within 30 s");
    }

    private static void assertBad(String pathAndQuery, String field) throws Exception {
        TestGateway.Answer answer = gateway.get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery).isEqualTo(400);
        assertThat(answer.error()).as(pathAndQuery).isEqualTo("invalid");
        assertThat(answer.field()).as(pathAndQuery + ": " + answer.body()).isEqualTo(field);
    }
}
