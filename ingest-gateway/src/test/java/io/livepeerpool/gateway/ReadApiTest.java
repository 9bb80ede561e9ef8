package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.gateway.reads.Cursor;
import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public reads. Jobs go the real way: posted to the gateway, projected into PostgreSQL by the ledger's
 * projector, read back. Payouts and out-of-window rows are inserted with SQL: the ledger and payout worker that
 * write {@code rewards_payments} are not part of this module. The ledger's own reads: {@link LedgerReadApiTest}.
 */
class ReadApiTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;
    static Projector projector;
    static HikariDataSource db;

    @BeforeAll
    static void start() throws Exception {
        Devstack devstack = TestGateway.devstack();
        gateway = TestGateway.start(dir);
        projector = Projector.create(new ProjectorConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(),
                "gateway-read-test-" + UUID.randomUUID(), 500, 100), Metrics.newRegistry());
        projector.start();
        db = ReadModelDatabase.pool(devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(), 2, "gateway-read-test");
    }

    @AfterAll
    static void stop() {
        if (projector != null) {
            projector.close();
        }
        if (db != null) {
            db.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    static Address newAddress() {
        return Address.parse("0x" + UUID.randomUUID().toString().replace("-", "") + "00000000");
    }

    static String job(String jobId, Address transcoder) {
        return "{\"jobId\":\"" + jobId + "\",\"transcoder\":\"" + transcoder.checksummed() + "\",\"pixels\":6220800,"
                + "\"duration\":\"2.002\",\"profiles\":2,\"roundJob\":4100,\"faceValue\":\"123456789012345678901234567890\"}";
    }

    static void post(String jobId, Address transcoder) throws Exception {
        assertThat(gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":" + job(jobId, transcoder) + "}").status()).isEqualTo(202);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode jobsOf(Address transcoder, String extra) throws Exception {
        TestGateway.Answer answer = gateway.get("/getTranscoderJobs?transcoderAddress=" + transcoder.checksummed() + extra);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Polls until the projector has caught up enough for {@code done}. */
    static JsonNode awaitJobs(Address transcoder, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode page = jobsOf(transcoder, "");
        while (!done.test(page.get("jobs")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            page = jobsOf(transcoder, "");
        }
        return page;
    }

    @Test
    void aPostedJobBecomesVisibleWithExactAmounts() throws Exception {
        Address transcoder = newAddress();

        post("visible-1", transcoder);

        JsonNode page = awaitJobs(transcoder, jobs -> jobs.size() == 1);
        JsonNode job = page.get("jobs").get(0);
        assertThat(job.get("jobId").asText()).isEqualTo("visible-1");
        assertThat(job.get("transcoder").asText()).isEqualTo(transcoder.hex());
        assertThat(job.get("orchestrator").asText()).isEqualTo(TestGateway.ORCH_A.hex());
        assertThat(job.get("pixels").asLong()).isEqualTo(6_220_800L);
        assertThat(job.get("durationMs").asLong()).isEqualTo(2_002L);
        assertThat(job.get("profiles").asInt()).isEqualTo(2);
        assertThat(job.get("roundJob").asLong()).isEqualTo(4_100L);
        assertThat(job.get("faceValue").isTextual()).isTrue();
        assertThat(job.get("faceValue").asText()).isEqualTo("123456789012345678901234567890");
        // the ledger's weight at the default coefficients: 6,220,800 px + 5,000 x 2,002 ms + 2,500,000 x 2 profiles
        assertThat(job.get("weight").isTextual()).isTrue();
        assertThat(job.get("weight").asText()).isEqualTo("21230800");
        assertThat(job.get("settledRound").isNull()).isTrue();
        assertThat(Instant.parse(job.get("receivedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(page.get("nextBefore").isNull()).isTrue();

        // the ledger closes the job's epoch in its partition: an epoch boundary just above its post settles it
        int partition;
        long offset;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT kafka_partition, kafka_offset FROM transcoder_jobs WHERE transcoder = ?")) {
            s.setString(1, transcoder.hex());
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                partition = rs.getInt(1);
                offset = rs.getLong(2);
            }
        }
        long epoch = 1_000_000_000L + (System.nanoTime() & 0xffffff);
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(TestGateway.devstack().schemaRegistryUrl());
             KafkaProducer<String, EpochBoundary> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestGateway.devstack().bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                     AvroSerde.forTopic(Topics.LEDGER_EPOCH_BOUNDARIES, registry).serializer())) {
            producer.send(new ProducerRecord<>(Topics.LEDGER_EPOCH_BOUNDARIES.name(), epoch + "|jobs|" + partition,
                    new EpochBoundary(epoch, 4_101L, "jobs", partition, Topics.TRANSCODER_JOBS.partitions(),
                            offset + 1))).get();
        }
        JsonNode settled = awaitJobs(transcoder, jobs -> !jobs.get(0).get("settledRound").isNull()).get("jobs").get(0);
        assertThat(settled.get("settledRound").asLong()).isEqualTo(4_101L);
        assertThat(settled.get("weight").asText()).isEqualTo("21230800");

        TestGateway.Answer all = gateway.get("/getTranscodersJobs?limit=1000");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("jobs").findValuesAsText("transcoder")).contains(transcoder.hex());
    }

    @Test
    void aJobPostedTwiceIsOneRow() throws Exception {
        Address transcoder = newAddress();
        post("twice", transcoder);
        post("twice", transcoder);
        post("after-twice", transcoder);

        // the later job's row proves the projector read past both copies
        JsonNode page = awaitJobs(transcoder, jobs -> jobs.findValuesAsText("jobId").contains("after-twice"));

        assertThat(page.get("jobs").findValuesAsText("jobId")).containsExactlyInAnyOrder("twice", "after-twice");
    }

    @Test
    void pagesFollowTheNextBeforeCursorWithoutGapsOrRepeats() throws Exception {
        Address transcoder = newAddress();
        for (int i = 0; i < 5; i++) {
            post("page-" + i, transcoder);
        }
        awaitJobs(transcoder, jobs -> jobs.size() == 5);

        List<String> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode page = jobsOf(transcoder, "&limit=2" + (before == null ? "" : "&before=" + q(before)));
            page.get("jobs").forEach(j -> seen.add(j.get("jobId").asText()));
            before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asText();
            pages++;
        } while (before != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrder("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(seen).first().isEqualTo("page-4"); // newest first
    }

    @Test
    void anIsoTimestampCursorReadsOlderRows() throws Exception {
        Address transcoder = newAddress();
        insertJob(transcoder, "old", Instant.now().minus(2, ChronoUnit.HOURS));
        insertJob(transcoder, "older", Instant.now().minus(3, ChronoUnit.HOURS));

        assertThat(jobsOf(transcoder, "&before=" + q(Instant.now().minus(150, ChronoUnit.MINUTES).toString()))
                .get("jobs").findValuesAsText("jobId")).containsExactly("older");
        assertThat(jobsOf(transcoder, "").get("jobs").findValuesAsText("jobId")).containsExactly("old", "older");
    }

    @Test
    void jobsOlderThan24HoursAreNotServed() throws Exception {
        Address transcoder = newAddress();
        insertJob(transcoder, "recent", Instant.now().minus(23, ChronoUnit.HOURS));
        insertJob(transcoder, "stale", Instant.now().minus(25, ChronoUnit.HOURS));

        assertThat(jobsOf(transcoder, "").get("jobs").findValuesAsText("jobId")).containsExactly("recent");
    }

    /** The ledger's refusals (pool.ledger-job-refusals, projected) are listed with the jobs, status refused. */
    @Test
    void refusedPostsAreListedWithTheirReasonAndPaged() throws Exception {
        Address transcoder = newAddress();
        post("refused-1", transcoder);
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(TestGateway.devstack().schemaRegistryUrl());
             KafkaProducer<String, JobRefusal> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestGateway.devstack().bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                     AvroSerde.forTopic(Topics.LEDGER_JOB_REFUSALS, registry).serializer())) {
            for (String reason : List.of("late", "late", "future")) {
                producer.send(new ProducerRecord<>(Topics.LEDGER_JOB_REFUSALS.name(), transcoder.hex(),
                        new JobRefusal(TestGateway.ORCH_A.hex(), "refused-1", transcoder.hex(), 4_100L, reason,
                                4_200L, null, null))).get();
            }
        }

        JsonNode page = awaitJobs(transcoder, jobs -> jobs.size() == 4);

        List<JsonNode> jobs = new ArrayList<>();
        page.get("jobs").forEach(jobs::add);
        assertThat(jobs).extracting(j -> j.get("status").asText())
                .containsExactlyInAnyOrder("received", "refused", "refused", "refused");
        assertThat(jobs).filteredOn(j -> j.get("status").asText().equals("refused")).allSatisfy(j -> {
            assertThat(j.get("jobId").asText()).isEqualTo("refused-1");
            assertThat(j.get("roundJob").asLong()).isEqualTo(4_100L);
            assertThat(j.get("pixels").isNull()).isTrue();
            assertThat(j.has("entry")).as("the paging key stays internal").isFalse();
        }).extracting(j -> j.get("reason").asText()).containsExactlyInAnyOrder("late", "late", "future");
        assertThat(jobs).filteredOn(j -> j.get("status").asText().equals("received")).singleElement()
                .satisfies(j -> assertThat(j.get("reason").isNull()).isTrue());

        List<String> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode one = jobsOf(transcoder, "&limit=1" + (before == null ? "" : "&before=" + q(before)));
            one.get("jobs").forEach(j -> seen.add(j.get("status").asText()));
            before = one.get("nextBefore").isNull() ? null : one.get("nextBefore").asText();
            pages++;
        } while (before != null && pages < 10);
        assertThat(seen).as("one row per page, none skipped or repeated")
                .containsExactlyInAnyOrder("received", "refused", "refused", "refused");
    }

    @Test
    void jobsSharingAReceiveTimeArePagedWithoutGapsOrRepeats() throws Exception {
        Address transcoder = newAddress();
        Instant same = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 5; i++) {
            insertJob(transcoder, "tie-" + i, same);
        }
        insertJob(transcoder, "tie-older", same.minusMillis(1));

        List<String> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode page = jobsOf(transcoder, "&limit=2" + (before == null ? "" : "&before=" + q(before)));
            page.get("jobs").forEach(j -> seen.add(j.get("jobId").asText()));
            before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asText();
            pages++;
        } while (before != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates().last().isEqualTo("tie-older");
    }

    /** What /getRewards and /getTranscoderRewards answered before the ledger's reads took those names. */
    @Test
    void payoutsAreServedFromRewardsPaymentsAsExactWeiStrings() throws Exception {
        Address transcoder = newAddress();
        BigInteger huge = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        insertPayout(transcoder, "p-1", huge, "Paid", Instant.now().minus(1, ChronoUnit.DAYS));
        insertPayout(transcoder, "p-2", BigInteger.TEN, "On hold", Instant.now().minus(2, ChronoUnit.DAYS));
        insertPayout(transcoder, "p-old", BigInteger.ONE, "Paid", Instant.now().minus(40, ChronoUnit.DAYS));

        TestGateway.Answer mine = gateway.get("/getTranscoderPayouts?transcoderAddress=" + transcoder.hex());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().properties()).extracting(Map.Entry::getKey).containsExactly("payouts", "nextBefore");
        String id = transcoder.hex() + "-";
        assertThat(mine.json().get("payouts").findValuesAsText("payoutId")).containsExactly(id + "p-1", id + "p-2", id + "p-old");
        JsonNode first = mine.json().get("payouts").get(0);
        assertThat(first.properties()).extracting(Map.Entry::getKey).containsExactly(
                "payoutId", "transcoder", "round", "amount", "status", "txHash", "gasFees", "createdAt", "paidAt", "payee",
                "amountSent", "blockNumber", "gasPaidBy", "failureReason", "resolvedAt");
        assertThat(first.get("amount").asText()).isEqualTo(huge.toString());
        assertThat(first.get("status").asText()).isEqualTo("Paid");
        assertThat(first.get("transcoder").asText()).isEqualTo(transcoder.hex());
        assertThat(first.get("round").asLong()).isEqualTo(4100);
        assertThat(first.get("gasFees").asText()).isEqualTo("21000000000000");
        assertThat(first.get("txHash").isNull()).isTrue();
        assertThat(first.get("paidAt").isNull()).isTrue();

        TestGateway.Answer pool = gateway.get("/getPayouts?limit=1000");
        assertThat(pool.status()).isEqualTo(200);
        List<String> poolIds = pool.json().get("payouts").findValuesAsText("payoutId");
        assertThat(poolIds).contains(id + "p-1", id + "p-2").doesNotContain(id + "p-old");

        TestGateway.Answer firstPage = gateway.get("/getTranscoderPayouts?limit=1&transcoderAddress=" + transcoder.hex());
        String next = firstPage.json().get("nextBefore").asText();
        TestGateway.Answer secondPage = gateway.get("/getTranscoderPayouts?limit=1&transcoderAddress=" + transcoder.hex() + "&before=" + q(next));
        assertThat(secondPage.json().get("payouts").findValuesAsText("payoutId")).containsExactly(id + "p-2");
    }

    @Test
    void badQueryParametersAreNamed() throws Exception {
        assertBad("/getTranscoderJobs", "transcoderAddress");
        assertBad("/getTranscoderJobs?transcoderAddress=0x12", "transcoderAddress");
        assertBad("/getTranscoderPayouts?transcoderAddress=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "transcoderAddress");
        assertBad("/getTranscodersJobs?limit=0", "limit");
        assertBad("/getTranscodersJobs?limit=1001", "limit");
        assertBad("/getPayouts?limit=ten", "limit");
        assertBad("/getPayouts?before=yesterday", "before");
        assertBad("/getPayouts?before=4100", "before");
        assertBad("/getTranscodersJobs?before=" + q("2025-13-45T00:00:00Z"), "before");
        // a payout token is not a job token (other keys)
        assertBad("/getTranscodersJobs?before=" + Cursor.after(Instant.now(), "0xabc-p-1").encode(), "before");
    }

    private static void assertBad(String pathAndQuery, String field) throws Exception {
        TestGateway.Answer answer = gateway.get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid");
        assertThat(answer.field()).as(pathAndQuery).isEqualTo(field);
    }

    private static void insertJob(Address transcoder, String jobId, Instant receivedAt) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO transcoder_jobs (orchestrator, job_id, transcoder, pixels, duration_ms, profiles, round_job,"
                        + " face_value, key_id, request_id, received_at, kafka_partition, kafka_offset)"
                        + " VALUES (?, ?, ?, 1, 1000, 1, 1, 0, 'sql', 'sql', ?, -1, -1)")) {
            ps.setString(1, newAddress().hex()); // a job id is unique per orchestrator
            ps.setString(2, jobId);
            ps.setString(3, transcoder.hex());
            ps.setTimestamp(4, Timestamp.from(receivedAt));
            ps.executeUpdate();
        }
    }

    /** Payout ids are the primary key across tests: prefixed with the transcoder. */
    private static void insertPayout(Address transcoder, String id, BigInteger amount, String status, Instant createdAt) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rewards_payments (payout_id, transcoder, round, amount, status, tx_hash, gas_fees, created_at)"
                        + " VALUES (?, ?, 4100, ?, ?, NULL, 21000000000000, ?)")) {
            ps.setString(1, transcoder.hex() + "-" + id);
            ps.setString(2, transcoder.hex());
            ps.setBigDecimal(3, new java.math.BigDecimal(amount));
            ps.setString(4, status);
            ps.setTimestamp(5, Timestamp.from(createdAt));
            ps.executeUpdate();
        }
    }
}
