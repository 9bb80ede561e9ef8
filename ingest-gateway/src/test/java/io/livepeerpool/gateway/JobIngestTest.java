package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.http.RequestBody;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.JobKeys;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The job write path against a real broker: 202 only with the record committed; any 4xx leaves nothing. */
class JobIngestTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;
    static TopicProbe<TranscoderJob> jobs;
    static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir);
        jobs = new TopicProbe<>(TestGateway.devstack(), Topics.TRANSCODER_JOBS);
        logs = new LogCapture();
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void mark() {
        jobs.mark();
    }

    static Address newTranscoder() {
        return Address.parse("0x" + UUID.randomUUID().toString().replace("-", "") + "00000000");
    }

    static ObjectNode job(String jobId, Address transcoder) {
        ObjectNode job = Json.mapper().createObjectNode();
        job.put("jobId", jobId);
        job.put("transcoder", transcoder.checksummed());
        job.put("pixels", 3_110_400);
        job.put("duration", "2.5");
        job.put("profiles", 3);
        job.put("roundJob", 3_512);
        job.put("faceValue", "115792089237316195423570985008687907853269984665640564039457584007913129639935");
        return job;
    }

    static String single(ObjectNode job) {
        return "{\"jobDetails\":" + job + "}";
    }

    @Test
    void aSignedJobIsAcceptedOnlyOnceItIsInTheTopicWithTheRightKeyAndFields() throws Exception {
        Address transcoder = newTranscoder();
        Instant before = Instant.now().minusMillis(1);

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", single(job("seg-1", transcoder)));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).isEqualTo(Json.mapper().readTree("{\"status\":\"accepted\",\"jobId\":\"seg-1\"}"));
        // acks=all came back before the 202: the record is readable now, without waiting
        List<ConsumerRecord<String, TranscoderJob>> records = jobs.sinceMark();
        assertThat(records).hasSize(1);
        ConsumerRecord<String, TranscoderJob> record = records.get(0);
        // keyed by the job's idempotency key, so every copy of it lands on one partition (the ledger dedupes there)
        assertThat(record.key()).isEqualTo(TestGateway.ORCH_A.hex() + "|seg-1");
        assertThat(record.partition()).isEqualTo(JobKeys.partitionOf(TestGateway.ORCH_A.hex(), "seg-1",
                Topics.TRANSCODER_JOBS.partitions()));
        TranscoderJob value = record.value();
        assertThat(value.getJobId()).isEqualTo("seg-1");
        assertThat(value.getTranscoder()).isEqualTo(transcoder.hex());
        assertThat(value.getOrchestrator()).isEqualTo(TestGateway.ORCH_A.hex());
        assertThat(value.getKeyId()).isEqualTo(TestGateway.KEY_A1);
        assertThat(value.getPixels()).isEqualTo(3_110_400L);
        assertThat(value.getDurationMs()).isEqualTo(2_500L);
        assertThat(value.getProfiles()).isEqualTo(3);
        assertThat(value.getRoundJob()).isEqualTo(3_512L);
        assertThat(value.getFaceValue()).isEqualTo(new BigDecimal("115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        assertThat(value.getReceivedAt()).isBetween(before, Instant.now());
        assertThat(UUID.fromString(value.getRequestId())).isNotNull();
    }

    @Test
    void theKeyIdAndOrchestratorComeFromTheSigningKey() throws Exception {
        Address transcoder = newTranscoder();

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", single(job("seg-b", transcoder)),
                io.livepeerpool.gateway.auth.RequestSigner.of(TestGateway.KEY_B, TestGateway.SECRET_B));

        assertThat(answer.status()).isEqualTo(202);
        TranscoderJob value = jobs.sinceMark().get(0).value();
        assertThat(value.getOrchestrator()).isEqualTo(TestGateway.ORCH_B.hex());
        assertThat(value.getKeyId()).isEqualTo(TestGateway.KEY_B);
    }

    @Test
    void aBatchIsAcceptedAsOneTransaction() throws Exception {
        Address transcoder = newTranscoder();
        ArrayNode batch = Json.mapper().createArrayNode();
        IntStream.range(0, 50).forEach(i -> batch.add(job("batch-" + i, i % 2 == 0 ? transcoder : newTranscoder())));

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":" + batch + "}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("status").asText()).isEqualTo("accepted");
        assertThat(answer.json().get("count").asInt()).isEqualTo(50);
        assertThat(answer.json().get("jobIds")).hasSize(50);
        assertThat(answer.json().get("jobIds").get(49).asText()).isEqualTo("batch-49");
        List<ConsumerRecord<String, TranscoderJob>> records = jobs.await(r -> true, 50, Duration.ofSeconds(10));
        assertThat(records).hasSize(50);
        assertThat(records).extracting(r -> r.value().getRequestId()).containsOnly(records.get(0).value().getRequestId());
        assertThat(records).filteredOn(r -> r.value().getTranscoder().equals(transcoder.hex())).hasSize(25);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getOrchestrator() + "|"
                + r.value().getJobId()));
        // the batch spans partitions and is still one transaction (read_committed saw all 50 at once)
        assertThat(records).extracting(ConsumerRecord::partition).hasSizeGreaterThan(1);
    }

    @Test
    void aBatchWithOneBadJobIsRefusedWholeAndNamesIt() throws Exception {
        ArrayNode batch = Json.mapper().createArrayNode();
        IntStream.range(0, 5).forEach(i -> batch.add(job("bad-batch-" + i, newTranscoder())));
        ((ObjectNode) batch.get(3)).put("pixels", -1);

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":" + batch + "}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid");
        assertThat(answer.field()).isEqualTo("jobs[3].pixels");
        assertThat(answer.json().get("problems")).hasSize(1);
        assertNothingWritten();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "jobId      | \"\"",
            "jobId      | \"a/b\"",
            "transcoder | \"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\"",
            "transcoder | \"0x12\"",
            "pixels     | -1",
            "pixels     | 1.5",
            "duration   | 0",
            "duration   | \"2.0005\"",
            "duration   | \"soon\"",
            "profiles   | 0",
            "profiles   | 65",
            "roundJob   | -3",
            "faceValue  | -1",
            "faceValue  | \"115792089237316195423570985008687907853269984665640564039457584007913129639936\"",
            "unexpected | 1"})
    void eachInvalidFieldIsNamedAndNothingIsWritten(String field, String value) throws Exception {
        ObjectNode job = job("invalid-" + field, newTranscoder());
        job.set(field, Json.mapper().readTree(value));

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", single(job));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid");
        assertThat(answer.field()).isEqualTo("jobDetails." + field);
        assertThat(answer.json().get("message").asText()).startsWith("jobDetails." + field + ": ");
        assertNothingWritten();
    }

    @Test
    void aMissingFieldIsNamed() throws Exception {
        ObjectNode job = job("missing", newTranscoder());
        job.remove("duration");

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", single(job));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("jobDetails.duration");
        assertNothingWritten();
    }

    @Test
    void malformedJsonIsABodyError() throws Exception {
        for (String body : List.of("{\"jobDetails\":", "not json", "[]", "", "{\"jobDetails\":{}} trailing")) {
            TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.field()).as(body).isEqualTo("body");
            assertThat(answer.json().has("field")).isTrue();
        }
        // the parser knows which field is duplicated: it is named
        TestGateway.Answer duplicate = gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":{},\"jobDetails\":{}}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.field()).isEqualTo("jobDetails");
        assertNothingWritten();
    }

    @Test
    void aBodyOver1MiBIsRefusedWith413() throws Exception {
        byte[] body = ("{\"jobDetails\":{\"jobId\":\"" + "x".repeat(RequestBody.MAX_BYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);

        TestGateway.Answer answer = gateway.post("/recordTranscoderJob", body,
                gateway.signerA1.headers("POST", "/recordTranscoderJob", body), "application/json");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error()).isEqualTo("payload_too_large");
        assertNothingWritten();
    }

    @Test
    void aBodyOfExactly1MiBIsNotTooLarge() throws Exception {
        String prefix = "{\"jobDetails\":" + job("exact", newTranscoder()) + ",\"pad\":\"";
        String body = prefix + "x".repeat(RequestBody.MAX_BYTES - prefix.length() - 2) + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(RequestBody.MAX_BYTES);

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("pad");
    }

    @Test
    void aWriteThatIsNotJsonIsRefusedWith415() throws Exception {
        byte[] body = single(job("form", newTranscoder())).getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            TestGateway.Answer answer = gateway.post("/recordTranscoderJob", body,
                    gateway.signerA1.headers("POST", "/recordTranscoderJob", body), type);

            assertThat(answer.status()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(answer.error()).isEqualTo("unsupported_media_type");
        }
        TestGateway.Answer withCharset = gateway.post("/recordTranscoderJob", body,
                gateway.signerA1.headers("POST", "/recordTranscoderJob", body), "application/json; charset=utf-8");
        assertThat(withCharset.status()).isEqualTo(202);
    }

    @Test
    void badInputNeverLogsAStackTrace() throws Exception {
        gateway.postSigned("/recordTranscoderJob", "{");
        gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":[{\"pixels\":1e999999}]}");
        gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":{\"duration\":1e-999999999}}");
        gateway.post("/recordTranscoderJob", new byte[] {(byte) 0xff, (byte) 0xfe}, Map.of(), "application/json");

        assertThat(logs.events()).noneMatch(e -> e.getThrowableProxy() != null);
        assertThat(logs.events()).noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
    }

    @Test
    void eachAcceptedJobIsOneDebugLineWithItsRequestIdAndNoSecret() throws Exception {
        int before = logs.from(GatewayServer.class).size();
        java.util.Set<String> ids = new java.util.HashSet<>();

        for (int i = 0; i < 5; i++) {
            TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", single(job("logged-" + i, newTranscoder())));
            assertThat(answer.status()).isEqualTo(202);
            ids.add(answer.raw().headers().firstValue("X-Request-Id").orElseThrow());
        }

        var lines = logs.from(GatewayServer.class).subList(before, logs.from(GatewayServer.class).size()).stream()
                .filter(e -> e.getFormattedMessage().startsWith("accepted job logged-")).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines).extracting(e -> e.getMDCPropertyMap().get("requestId")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(lines).noneMatch(e -> e.getFormattedMessage().contains(TestGateway.SECRET_A1));
    }

    private static void assertNothingWritten() {
        assertThat(jobs.sinceMark()).isEmpty();
    }
}
