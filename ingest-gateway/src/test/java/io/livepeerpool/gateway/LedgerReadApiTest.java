package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.gateway.reads.Cursor;
import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.AllocationLine;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
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
 * The ledger's reads: rewards (allocations), settlements, balances. Rows are inserted with SQL (exact values, chosen
 * times, ties); one test produces the ledger's Avro records and lets the real projector write them. The database is
 * shared with the other test classes: every test uses fresh addresses and its own block of rounds, far above real
 * ones, and reads pool-wide lists from the top of its block ({@code before=<round>}).
 */
class LedgerReadApiTest {
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final int BLOCK = 1_000;
    /** Blocks of rounds, one per test; random per run so that rows of an earlier run in the same database do not collide. */
    private static final AtomicLong NEXT_BLOCK = new AtomicLong(1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000) * 100_000);

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static HikariDataSource db;

    @BeforeAll
    static void start() throws Exception {
        Devstack devstack = TestGateway.devstack();
        gateway = TestGateway.start(dir);
        db = ReadModelDatabase.pool(devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(), 2, "gateway-ledger-read-test");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    // ---- rewards ----

    @Test
    void poolRewardsPageByRoundThenTranscoderWithoutGapsOrRepeatsAcrossTies() throws Exception {
        long base = newBlock();
        List<Address> transcoders = sorted(newAddress(), newAddress(), newAddress());
        List<Reward> expected = new ArrayList<>();
        for (long round = base + 3; round >= base; round--) {
            for (Address t : transcoders) {
                expected.add(new Reward(round, t.hex()));
            }
        }
        List<Reward> insertOrder = new ArrayList<>(expected);
        Collections.shuffle(insertOrder, new Random(7));
        for (Reward r : insertOrder) {
            insertAllocation(r.round(), Address.parse(r.transcoder()), BigInteger.valueOf(r.round() - base + 1),
                    BigInteger.TEN, BigInteger.valueOf(100), Instant.now().minus(1, ChronoUnit.DAYS));
        }

        // 12 rows by 5: page 1 ends inside round base+2, page 2 inside round base+1
        List<List<Reward>> pages = pagesDownFrom("/getRewards?limit=5", "rewards", base + 4, base);

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0)).containsExactlyElementsOf(expected.subList(0, 5));
        assertThat(pages.get(1)).containsExactlyElementsOf(expected.subList(5, 10));
        assertThat(pages.get(2)).startsWith(expected.get(10), expected.get(11));
        List<Reward> all = pages.stream().flatMap(List::stream).filter(r -> r.round() >= base).toList();
        assertThat(all).containsExactlyElementsOf(expected);
    }

    @Test
    void rewardsAreExactWeiStringsInTheDocumentedShape() throws Exception {
        long round = newBlock();
        Address transcoder = newAddress();
        Instant settledAt = Instant.parse("2025-06-01T12:00:00.123456Z");
        insertAllocation(round, transcoder, UINT256_MAX, UINT256_MAX, UINT256_MAX, settledAt);

        TestGateway.Answer answer = gateway.get("/getTranscoderRewards?transcoderAddress=" + transcoder.checksummed());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(fieldNames(answer.json())).containsExactly("rewards", "nextBefore");
        assertThat(answer.json().get("nextBefore").isNull()).isTrue();
        JsonNode reward = answer.json().get("rewards").get(0);
        assertThat(reward).isEqualTo(Json.mapper().readTree("{\"round\":" + round + ",\"transcoder\":\"" + transcoder.hex()
                + "\",\"weight\":\"" + UINT256_MAX + "\",\"amount\":\"" + UINT256_MAX + "\",\"balanceAfter\":\"" + UINT256_MAX
                + "\",\"settledAt\":\"2025-06-01T12:00:00.123456Z\"}"));
        assertThat(fieldNames(reward)).containsExactly("round", "transcoder", "weight", "amount", "balanceAfter", "settledAt");
    }

    @Test
    void aTranscodersRewardsAreItsOwnNewestRoundFirstPagedByRound() throws Exception {
        long base = newBlock();
        Address transcoder = newAddress();
        Address other = newAddress();
        for (long round = base; round < base + 5; round++) {
            insertAllocation(round, transcoder, BigInteger.ONE, BigInteger.valueOf(round - base), BigInteger.ONE, Instant.now());
            insertAllocation(round, other, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, Instant.now());
        }
        // older than the pool's 30 days: still part of the transcoder's history
        insertAllocation(base - 1, transcoder, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, Instant.now().minus(400, ChronoUnit.DAYS));
        String path = "/getTranscoderRewards?limit=2&transcoderAddress=" + transcoder.hex();

        List<List<Reward>> pages = pagesDownFrom(path, "rewards", null, Long.MIN_VALUE);

        assertThat(pages.stream().map(this::rounds).toList()).containsExactly(
                List.of(base + 4, base + 3), List.of(base + 2, base + 1), List.of(base, base - 1));
        assertThat(pages.stream().flatMap(List::stream).map(Reward::transcoder)).containsOnly(transcoder.hex());
        assertThat(rounds(rewards(get(path + "&before=" + (base + 2)).get("rewards"))))
                .as("a round number: strictly lower rounds").containsExactly(base + 1, base);
    }

    @Test
    void poolRewardsAreThoseSettledInTheLast30Days() throws Exception {
        long base = newBlock();
        Address transcoder = newAddress();
        insertAllocation(base, transcoder, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, Instant.now().minus(1, ChronoUnit.HOURS));
        insertAllocation(base + 1, transcoder, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, Instant.now().minus(29, ChronoUnit.DAYS));
        // a higher round settled long ago (the window is on settledAt, not on the round)
        insertAllocation(base + 2, transcoder, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, Instant.now().minus(31, ChronoUnit.DAYS));

        JsonNode pool = get("/getRewards?limit=1000&before=" + (base + 3));
        List<Long> mine = new ArrayList<>();
        pool.get("rewards").forEach(r -> {
            if (r.get("transcoder").asText().equals(transcoder.hex())) {
                mine.add(r.get("round").asLong());
            }
        });

        assertThat(mine).containsExactly(base + 1, base);
        assertThat(rounds(rewards(get("/getTranscoderRewards?transcoderAddress=" + transcoder.hex()).get("rewards"))))
                .containsExactly(base + 2, base + 1, base);
    }

    // ---- settlements ----

    @Test
    void settlementsPageNewestRoundFirstWithExactAmounts() throws Exception {
        long base = newBlock();
        for (long round = base; round < base + 5; round++) {
            insertSettlement(round, Instant.now().minus(base + 5 - round, ChronoUnit.HOURS));
        }

        List<JsonNode> seen = new ArrayList<>();
        String before = String.valueOf(base + 5);
        int pages = 0;
        while (before != null && pages < 10) {
            JsonNode page = get("/getSettlements?limit=2&before=" + q(before));
            pages++;
            page.get("settlements").forEach(seen::add);
            before = page.get("nextBefore").isNull() || seen.getLast().get("round").asLong() < base ? null : page.get("nextBefore").asText();
        }

        assertThat(pages).isEqualTo(3);
        List<Long> rounds = seen.stream().map(s -> s.get("round").asLong()).filter(r -> r >= base).toList();
        assertThat(rounds).containsExactly(base + 4, base + 3, base + 2, base + 1, base);
        JsonNode newest = seen.getFirst();
        assertThat(fieldNames(newest)).containsExactly("round", "revenue", "totalWeight", "poolFee", "distributed",
                "carriedRevenue", "allocationCount", "settledAt");
        assertThat(newest.get("revenue").asText()).isEqualTo(UINT256_MAX.toString());
        assertThat(newest.get("totalWeight").asText()).isEqualTo("12345678901234567890123456789");
        assertThat(newest.get("poolFee").asText()).isEqualTo("1");
        assertThat(newest.get("distributed").asText()).isEqualTo(UINT256_MAX.subtract(BigInteger.TWO).toString());
        assertThat(newest.get("carriedRevenue").asText()).isEqualTo("1");
        assertThat(newest.get("allocationCount").asInt()).isEqualTo(3);
        assertThat(Instant.parse(newest.get("settledAt").asText())).isBefore(Instant.now());
    }

    // ---- balances ----

    @Test
    void aBalanceComesWithThePayoutsOnHoldAndPaid() throws Exception {
        long round = newBlock();
        Address transcoder = newAddress();
        insertBalance(transcoder, UINT256_MAX, round);
        BigInteger bigPaid = BigInteger.TWO.pow(255);
        insertPayout(transcoder, "hold-1", BigInteger.TEN, "On hold");
        insertPayout(transcoder, "hold-2", BigInteger.valueOf(5), "On hold");
        insertPayout(transcoder, "paid-1", bigPaid, "Paid");
        insertPayout(transcoder, "paid-2", bigPaid, "Paid");
        insertPayout(transcoder, "failed", BigInteger.valueOf(1_000), "Failed");
        insertPayout(newAddress(), "someone-else", BigInteger.valueOf(77), "On hold");

        TestGateway.Answer answer = gateway.get("/getTranscoderBalance?transcoderAddress=" + transcoder.checksummed());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(Json.mapper().readTree("{\"transcoder\":\"" + transcoder.hex() + "\",\"balance\":\""
                + UINT256_MAX + "\",\"asOfRound\":" + round + ",\"payoutsOnHold\":\"15\",\"paidTotal\":\"" + bigPaid.shiftLeft(1)
                + "\",\"debt\":\"0\",\"payoutsFailed\":\"1000\"}"));
        assertThat(fieldNames(answer.json())).containsExactly("transcoder", "balance", "asOfRound", "payoutsOnHold", "paidTotal",
                "debt", "payoutsFailed");
    }

    @Test
    void theBalanceOfAnAddressWithoutRewardsIsZero() throws Exception {
        Address unknown = newAddress();

        TestGateway.Answer answer = gateway.get("/getTranscoderBalance?transcoderAddress=" + unknown.hex());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(Json.mapper().readTree("{\"transcoder\":\"" + unknown.hex()
                + "\",\"balance\":\"0\",\"asOfRound\":null,\"payoutsOnHold\":\"0\",\"paidTotal\":\"0\",\"debt\":\"0\","
                + "\"payoutsFailed\":\"0\"}"));

        // payouts but no balance row yet (the tables are projected from different topics)
        insertPayout(unknown, "early", BigInteger.valueOf(3), "On hold");
        JsonNode early = get("/getTranscoderBalance?transcoderAddress=" + unknown.hex());
        assertThat(early.get("balance").asText()).isEqualTo("0");
        assertThat(early.get("asOfRound").isNull()).isTrue();
        assertThat(early.get("payoutsOnHold").asText()).isEqualTo("3");
    }

    // ---- through the projector ----

    @Test
    void theLedgersRecordsProjectedByTheProjectorAreServed() throws Exception {
        long round = newBlock();
        Address transcoder = newAddress();
        String payoutId = transcoder.hex() + "-" + round;
        Devstack devstack = TestGateway.devstack();
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl())) {
            produce(devstack, registry, Topics.LEDGER_SETTLEMENTS, "pool", Settlement.newBuilder().setRound(round)
                    .setRevenue(wei(UINT256_MAX)).setTotalWeight(wei(BigInteger.valueOf(7))).setPoolFee(wei(BigInteger.ONE))
                    .setDistributed(wei(UINT256_MAX.subtract(BigInteger.ONE))).setCarriedRevenue(wei(BigInteger.ZERO))
                    .setAllocations(List.of(AllocationLine.newBuilder().setTranscoder(transcoder.hex())
                            .setWeight(wei(BigInteger.valueOf(7))).setAmount(wei(UINT256_MAX.subtract(BigInteger.ONE))).build()))
                    .build());
            produce(devstack, registry, Topics.LEDGER_ALLOCATIONS, transcoder.hex(), Allocation.newBuilder().setRound(round)
                    .setTranscoder(transcoder.hex()).setWeight(wei(BigInteger.valueOf(7)))
                    .setAmount(wei(UINT256_MAX.subtract(BigInteger.ONE))).setBalanceAfter(wei(BigInteger.valueOf(42))).build());
            produce(devstack, registry, Topics.PAYOUT_REQUESTS, transcoder.hex(), PayoutRequest.newBuilder().setPayoutId(payoutId)
                    .setRound(round).setTranscoder(transcoder.hex()).setAmount(wei(UINT256_MAX.subtract(BigInteger.valueOf(43)))).build());
        }

        try (Projector projector = Projector.create(new ProjectorConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(), "gateway-ledger-read-test-" + UUID.randomUUID(),
                500, 100), Metrics.newRegistry())) {
            projector.start();
            String balancePath = "/getTranscoderBalance?transcoderAddress=" + transcoder.hex();
            JsonNode balance = await(balancePath, b -> !b.get("asOfRound").isNull() && !b.get("payoutsOnHold").asText().equals("0"));
            JsonNode settlements = await("/getSettlements?limit=1&before=" + (round + 1),
                    s -> s.get("settlements").size() == 1 && s.get("settlements").get(0).get("round").asLong() == round);

            assertThat(balance.get("balance").asText()).isEqualTo("42");
            assertThat(balance.get("asOfRound").asLong()).isEqualTo(round);
            assertThat(balance.get("payoutsOnHold").asText()).isEqualTo(UINT256_MAX.subtract(BigInteger.valueOf(43)).toString());
            assertThat(balance.get("paidTotal").asText()).isEqualTo("0");
            JsonNode reward = get("/getTranscoderRewards?transcoderAddress=" + transcoder.hex()).get("rewards").get(0);
            assertThat(reward.get("round").asLong()).isEqualTo(round);
            assertThat(reward.get("amount").asText()).isEqualTo(UINT256_MAX.subtract(BigInteger.ONE).toString());
            assertThat(reward.get("balanceAfter").asText()).isEqualTo("42");
            assertThat(get("/getRewards?limit=1&before=" + (round + 1)).get("rewards").get(0)).isEqualTo(reward);
            JsonNode settlement = settlements.get("settlements").get(0);
            assertThat(settlement.get("revenue").asText()).isEqualTo(UINT256_MAX.toString());
            assertThat(settlement.get("allocationCount").asInt()).isEqualTo(1);
            JsonNode payout = get("/getTranscoderPayouts?transcoderAddress=" + transcoder.hex()).get("payouts").get(0);
            assertThat(payout.get("payoutId").asText()).isEqualTo(payoutId);
            assertThat(payout.get("status").asText()).isEqualTo("On hold");
        }
    }

    // ---- parameters ----

    @Test
    void badParametersAreNamed() throws Exception {
        String badChecksum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        for (String path : List.of("/getTranscoderRewards", "/getTranscoderPayouts", "/getTranscoderBalance")) {
            assertBad(path, "transcoderAddress");
            assertBad(path + "?transcoderAddress=", "transcoderAddress");
            assertBad(path + "?transcoderAddress=0x12", "transcoderAddress");
            assertBad(path + "?transcoderAddress=" + badChecksum, "transcoderAddress");
        }
        assertBad("/getTranscoderRewards?transcoderAddress=nope&limit=0&before=nope", "transcoderAddress");
        for (String path : List.of("/getRewards", "/getSettlements", "/getPayouts")) {
            assertBad(path + "?limit=0", "limit");
            assertBad(path + "?limit=1001", "limit");
            assertBad(path + "?limit=-1", "limit");
            assertBad(path + "?limit=ten", "limit");
            assertBad(path + "?limit=0&before=nope", "limit");
            assertBad(path + "?before=nope", "before");
            assertBad(path + "?before=" + "9".repeat(600), "before");
        }
        String instant = q("2025-06-01T00:00:00Z");
        String payoutToken = Cursor.after(Instant.now(), "0xabc-p-1").encode();
        String poolRewardToken = Cursor.after(4100, newAddress().hex()).encode();
        String roundToken = Cursor.after(4100).encode();
        // an instant or a time token is no position in an order by round, and the other way round
        assertBad("/getRewards?before=" + instant, "before");
        assertBad("/getSettlements?before=" + instant, "before");
        assertBad("/getRewards?before=" + payoutToken, "before");
        assertBad("/getPayouts?before=4100", "before");
        assertBad("/getPayouts?before=" + roundToken, "before");
        // a token of the pool's rewards (round and transcoder) is not one of a single transcoder's (round only)
        assertBad("/getTranscoderRewards?transcoderAddress=" + newAddress().hex() + "&before=" + poolRewardToken, "before");
        assertBad("/getRewards?before=" + roundToken, "before");
        assertBad("/getSettlements?before=-1", "before");
        assertBad("/getSettlements?before=" + "9".repeat(20), "before");

        assertThat(gateway.get("/getRewards?before=" + poolRewardToken).status()).isEqualTo(200);
        assertThat(gateway.get("/getSettlements?before=" + roundToken + "&limit=1000").status()).isEqualTo(200);
        assertThat(gateway.get("/getTranscoderBalance?transcoderAddress=" + newAddress().hex() + "&limit=nonsense").status())
                .as("the balance has no page parameters").isEqualTo(200);
    }

    // ---- helpers ----

    record Reward(long round, String transcoder) {
    }

    private static long newBlock() {
        return NEXT_BLOCK.getAndAdd(BLOCK);
    }

    static Address newAddress() {
        return Address.parse("0x" + UUID.randomUUID().toString().replace("-", "") + "00000000");
    }

    private static List<Address> sorted(Address... addresses) {
        List<Address> list = new ArrayList<>(List.of(addresses));
        list.sort(Comparator.comparing(Address::hex));
        return list;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static BigDecimal wei(BigInteger value) {
        return new BigDecimal(value);
    }

    private static List<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        TestGateway.Answer answer = gateway.get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void assertBad(String pathAndQuery, String field) throws Exception {
        TestGateway.Answer answer = gateway.get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery).isEqualTo(400);
        assertThat(answer.error()).as(pathAndQuery).isEqualTo("invalid");
        assertThat(answer.field()).as(pathAndQuery + ": " + answer.body()).isEqualTo(field);
    }

    private static JsonNode await(String pathAndQuery, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode answer = get(pathAndQuery);
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = get(pathAndQuery);
        }
        assertThat(done.test(answer)).as(pathAndQuery + " within 30 s: " + answer).isTrue();
        return answer;
    }

    private static List<Reward> rewards(JsonNode items) {
        List<Reward> list = new ArrayList<>();
        items.forEach(r -> list.add(new Reward(r.get("round").asLong(), r.get("transcoder").asText())));
        return list;
    }

    private List<Long> rounds(List<Reward> rewards) {
        return rewards.stream().map(Reward::round).toList();
    }

    /**
     * Follows nextBefore from {@code firstBefore} (a round number; null: from the top) until the last page or a page
     * reaching below {@code lowestRound} (rows of other tests follow). Pages as served.
     */
    private static List<List<Reward>> pagesDownFrom(String path, String items, Long firstBefore, long lowestRound) throws Exception {
        List<List<Reward>> pages = new ArrayList<>();
        String before = firstBefore == null ? null : String.valueOf(firstBefore);
        do {
            JsonNode page = get(path + (before == null ? "" : "&before=" + q(before)));
            List<Reward> rows = rewards(page.get(items));
            pages.add(rows);
            boolean belowBlock = !rows.isEmpty() && rows.getLast().round() < lowestRound;
            before = page.get("nextBefore").isNull() || belowBlock ? null : page.get("nextBefore").asText();
        } while (before != null && pages.size() < 20);
        return pages;
    }

    private static <V extends SpecificRecord> void produce(Devstack devstack, SchemaRegistryClient registry, TopicSpec<V> topic,
            String key, V value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(p, new StringSerializer(),
                AvroSerde.forTopic(topic, registry).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static void insertAllocation(long round, Address transcoder, BigInteger weight, BigInteger amount,
            BigInteger balanceAfter, Instant settledAt) throws Exception {
        sql("INSERT INTO allocations (round, transcoder, weight, amount, balance_after, settled_at, kafka_partition,"
                + " kafka_offset) VALUES (?, ?, ?, ?, ?, ?, -1, -1)", round, transcoder.hex(), weight, amount, balanceAfter, settledAt);
    }

    private static void insertSettlement(long round, Instant settledAt) throws Exception {
        sql("INSERT INTO settlements (round, revenue, total_weight, pool_fee, distributed, carried_revenue, allocation_count,"
                + " settled_at, kafka_partition, kafka_offset) VALUES (?, ?, ?, ?, ?, ?, 3, ?, -1, -1)", round, UINT256_MAX,
                new BigInteger("12345678901234567890123456789"), BigInteger.ONE, UINT256_MAX.subtract(BigInteger.TWO),
                BigInteger.ONE, settledAt);
    }

    private static void insertBalance(Address transcoder, BigInteger balance, long round) throws Exception {
        sql("INSERT INTO transcoder_balances (transcoder, balance, as_of_round, updated_at) VALUES (?, ?, ?, ?)",
                transcoder.hex(), balance, round, Instant.now());
    }

    /** Payout ids are the primary key across tests: prefixed with the transcoder. */
    private static void insertPayout(Address transcoder, String id, BigInteger amount, String status) throws Exception {
        sql("INSERT INTO rewards_payments (payout_id, transcoder, round, amount, status, created_at) VALUES (?, ?, 4100, ?, ?, ?)",
                transcoder.hex() + "-" + id, transcoder.hex(), amount, status, Instant.now());
    }

    private static void sql(String statement, Object... values) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                switch (values[i]) {
                    case BigInteger wei -> ps.setBigDecimal(i + 1, new BigDecimal(wei));
                    case Instant at -> ps.setObject(i + 1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    case Long number -> ps.setLong(i + 1, number);
                    default -> ps.setString(i + 1, values[i].toString());
                }
            }
            ps.executeUpdate();
        }
    }
}
