package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.ledger.streams.performance.PerformanceConfig;
import io.livepeerpool.ledger.streams.performance.PerformanceService;
import io.livepeerpool.ledger.streams.performance.PerformanceTopics;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.performance.LatencyLimit;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import io.livepeerpool.schemas.avro.TranscoderStatus;
import io.livepeerpool.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Admission and performance end to end on the devstack's real broker, registry and database: registrations signed
 * over HTTPS, the performance topology (Kafka Streams, exactly-once) turning job latencies into statuses, the
 * projector writing them, and the reads. Default policy and limits: 800 ms, window 100 jobs, 20 samples.
 */
class TranscoderAdmissionTest {
    static final Duration AWAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static Devstack devstack;
    static TestGateway gateway;
    static Projector projector;
    static PerformanceService performance;
    static Path stateDir;
    static final String APPLICATION_ID = "performance-test-" + UUID.randomUUID();
    static TopicProbe<TranscoderRegistration> registrations;
    static TopicProbe<TranscoderJob> jobs;
    static TopicProbe<TranscoderStatus> statuses;
    static int jobCount;

    @BeforeAll
    static void start() throws Exception {
        devstack = TestGateway.devstack();
        gateway = TestGateway.start(dir);
        projector = Projector.create(new ProjectorConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword(),
                "admission-test-" + UUID.randomUUID(), 500, 100), Metrics.newRegistry());
        projector.start();
        stateDir = dir.resolve("performance-state");
        performance = startPerformance();
        registrations = new TopicProbe<>(devstack, Topics.TRANSCODER_REGISTRATIONS);
        jobs = new TopicProbe<>(devstack, Topics.TRANSCODER_JOBS);
        statuses = new TopicProbe<>(devstack, Topics.TRANSCODER_STATUS);
    }

    static PerformanceService startPerformance() {
        PerformanceService service = PerformanceService.create(new PerformanceConfig(devstack.bootstrapServers(),
                        devstack.schemaRegistryUrl(), APPLICATION_ID, stateDir, 100, new LatencyLimit(800, 20)),
                PerformanceTopics.catalogue(), Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100), null);
        service.start();
        return service;
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {registrations, jobs, statuses, performance, projector, gateway}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort at the end of the class
            }
        }
    }

    static Address newAddress() {
        return Address.parse("0x" + UUID.randomUUID().toString().replace("-", "") + "00000000");
    }

    static String registration(Address transcoder, String ratio, long latencyMs, String down, String up) {
        return "{\"registration\":{\"transcoder\":\"" + transcoder.checksummed() + "\",\"benchmark\":{\"realtimeRatio\":"
                + ratio + ",\"latencyMs\":" + latencyMs + ",\"downloadMbps\":\"" + down + "\",\"uploadMbps\":" + up
                + ",\"gpu\":\"RTX A4000\",\"profiles\":[\"P240p30fps16x9\",\"P360p30fps16x9\",\"P720p30fps16x9\"]}}}";
    }

    static TestGateway.Answer register(Address transcoder, String ratio, long latencyMs, String down, String up)
            throws Exception {
        return gateway.postSigned("/registerTranscoder", registration(transcoder, ratio, latencyMs, down, up));
    }

    static TestGateway.Answer registerFast(Address transcoder) throws Exception {
        return register(transcoder, "0.01", 10, "1000", "1000");
    }

    /** {@code n} jobs of {@code totalMs} each (50 ms down, 50 ms up, the rest transcoding), in one signed batch. */
    static void postJobs(Address transcoder, long totalMs, int n) throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobCount++;
            batch.add("{\"jobId\":\"adm-" + UUID.randomUUID() + "\",\"transcoder\":\"" + transcoder.hex()
                    + "\",\"pixels\":75254400,\"duration\":2,\"profiles\":3,\"roundJob\":1,\"downloadMs\":50,"
                    + "\"transcodeMs\":" + (totalMs - 100) + ",\"uploadMs\":50}");
        }
        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":[" + String.join(",", batch) + "]}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    static JsonNode status(Address transcoder) throws Exception {
        TestGateway.Answer answer = gateway.get("/getTranscoderStatus?transcoderAddress=" + transcoder.hex());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static JsonNode awaitStatus(Address transcoder, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        JsonNode last = status(transcoder);
        while (!until.test(last)) {
            assertThat(System.nanoTime()).as("status of %s never matched; last %s", transcoder, last).isLessThan(deadline);
            Thread.sleep(200);
            last = status(transcoder);
        }
        return last;
    }

    static Predicate<JsonNode> is(String status, int samples) {
        return s -> s.get("status").asText().equals(status) && s.get("latency").get("samples").asInt() == samples;
    }

    @Test
    void fastBorderlineAndSlowBenchmarksGetTheirSessionsOrAreExcluded() throws Exception {
        Address fast = newAddress();
        Address borderline = newAddress();
        Address justUnder = newAddress();
        Address slow = newAddress();

        TestGateway.Answer fastAnswer = registerFast(fast);
        assertThat(fastAnswer.status()).as(fastAnswer.body()).isEqualTo(200);
        assertThat(fastAnswer.json().get("transcoder").asText()).isEqualTo(fast.hex());
        assertThat(fastAnswer.json().get("status").asText()).isEqualTo("admitted");
        assertThat(fastAnswer.json().get("maxSessions").asInt()).isEqualTo(10);
        assertThat(fastAnswer.json().get("reason").asText()).contains("456.000 ms").contains("cap of 10");

        // 12 ms down + 776.4 ms transcode + 11.6 ms up = 800 ms: not under the limit
        TestGateway.Answer borderAnswer = register(borderline, "0.3882", 0, "1000", "1000");
        assertThat(borderAnswer.json().get("status").asText()).isEqualTo("excluded");
        assertThat(borderAnswer.json().get("maxSessions").asInt()).isZero();
        TestGateway.Answer underAnswer = register(justUnder, "\"0.38815\"", 0, "1000", "1000");
        assertThat(underAnswer.json().get("status").asText()).isEqualTo("admitted");
        assertThat(underAnswer.json().get("maxSessions").asInt()).isEqualTo(1);

        TestGateway.Answer slowAnswer = register(slow, "0.5", 30, "100", "50");
        assertThat(slowAnswer.status()).isEqualTo(200);
        assertThat(slowAnswer.json().get("status").asText()).isEqualTo("excluded");
        assertThat(slowAnswer.json().get("reason").asText()).contains("1412.000 ms").contains("800 ms limit");

        // 200 means acked: the registration is on the topic with its decision
        List<ConsumerRecord<String, TranscoderRegistration>> recorded =
                registrations.await(r -> r.key().equals(slow.hex()), 1, Duration.ofSeconds(10));
        assertThat(recorded).singleElement().satisfies(r -> {
            assertThat(r.value().getStatus()).isEqualTo("excluded");
            assertThat(r.value().getRealtimeRatio()).isEqualTo("0.5");
            assertThat(r.value().getEstimateMs()).isEqualTo("1412.000");
        });

        JsonNode fastStatus = awaitStatus(fast, is("admitted", 0));
        assertThat(fastStatus.get("maxSessions").asInt()).isEqualTo(10);
        assertThat(fastStatus.get("since").asText()).isNotEmpty();
        JsonNode benchmark = fastStatus.get("benchmark");
        assertThat(benchmark.get("realtimeRatio").asText()).isEqualTo("0.01");
        assertThat(benchmark.get("latencyMs").asInt()).isEqualTo(10);
        assertThat(benchmark.get("downloadMbps").asText()).isEqualTo("1000");
        assertThat(benchmark.get("gpu").asText()).isEqualTo("RTX A4000");
        assertThat(benchmark.get("profiles")).hasSize(3);
        assertThat(awaitStatus(borderline, is("excluded", 0)).get("maxSessions").asInt()).isZero();
        assertThat(awaitStatus(justUnder, is("admitted", 0)).get("maxSessions").asInt()).isEqualTo(1);
        assertThat(awaitStatus(slow, is("excluded", 0)).get("reason").asText()).contains("1412.000 ms");

        JsonNode unknown = status(newAddress());
        assertThat(unknown.get("status").asText()).isEqualTo("unknown");
        assertThat(unknown.get("maxSessions").asInt()).isZero();
        assertThat(unknown.get("benchmark").isNull()).isTrue();
    }

    @Test
    void latencyDriftsIntoExclusionWithItsFiguresThenANewRegistrationReinstates() throws Exception {
        Address t = newAddress();
        assertThat(registerFast(t).status()).isEqualTo(200);
        awaitStatus(t, is("admitted", 0));

        postJobs(t, 300, 20);
        JsonNode healthy = awaitStatus(t, is("admitted", 20));
        assertThat(healthy.get("latency").get("p95Ms").asLong()).isEqualTo(300);

        // drift: five slow segments; the second makes 22 jobs, whose p95 (the 21st total) is a slow one
        postJobs(t, 1200, 5);
        JsonNode excluded = awaitStatus(t, is("excluded", 25));
        assertThat(excluded.get("maxSessions").asInt()).isZero();
        assertThat(excluded.get("reason").asText())
                .isEqualTo("p95 latency 1200 ms over the last 22 jobs is above the 800 ms limit (p50 300 ms)");
        assertThat(excluded.get("latency").get("p50Ms").asLong()).isEqualTo(300);
        assertThat(excluded.get("latency").get("p95Ms").asLong()).isEqualTo(1200);
        assertThat(excluded.get("latency").get("samples").asInt()).isEqualTo(25);

        // the exclusion is an event on the status topic, with the figures
        List<ConsumerRecord<String, TranscoderStatus>> events = statuses.await(
                r -> r.key().equals(t.hex()) && r.value().getCause().equals("Excluded"), 1, Duration.ofSeconds(10));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.value().getP95Ms()).isEqualTo(1200);
            assertThat(e.value().getSamples()).isEqualTo(22);
            assertThat(e.value().getStatus()).isEqualTo("excluded");
        });

        // the work of an excluded transcoder still counts
        postJobs(t, 300, 1);
        awaitStatus(t, is("excluded", 26));
        JsonNode listed = awaitListed(t, row -> row.get("jobsLast24h").asLong() == 26);
        assertThat(listed.get("status").asText()).isEqualTo("excluded");
        assertThat(listed.get("pixelsLast24h").asLong()).isEqualTo(26 * 75_254_400L);
        assertThat(listed.get("balance").asText()).isEqualTo("0");
        assertThat(listed.get("paidTotal").asText()).isEqualTo("0");

        // a new passing registration reinstates, with a fresh window
        TestGateway.Answer again = registerFast(t);
        assertThat(again.json().get("status").asText()).isEqualTo("admitted");
        JsonNode reinstated = awaitStatus(t, is("admitted", 0));
        assertThat(reinstated.get("maxSessions").asInt()).isEqualTo(10);
        postJobs(t, 400, 1);
        assertThat(awaitStatus(t, is("admitted", 1)).get("latency").get("p95Ms").asLong()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                                                        | registration",
            "{\"registration\":{\"benchmark\":{}}}                                                     | registration.transcoder",
            "{\"registration\":{\"transcoder\":\"0xT\",\"benchmark\":{}}}                                | registration.transcoder",
            "{\"registration\":{\"transcoder\":\"$T\"}}                                                  | registration.benchmark",
            "{\"registration\":{\"transcoder\":\"$T\",\"benchmark\":[]}}                                 | registration.benchmark",
            "$B{\"realtimeRatio\":0,\"latencyMs\":1,\"downloadMbps\":1,\"uploadMbps\":1}}}             | registration.benchmark.realtimeRatio",
            "$B{\"realtimeRatio\":\"fast\",\"latencyMs\":1,\"downloadMbps\":1,\"uploadMbps\":1}}}      | registration.benchmark.realtimeRatio",
            "$B{\"realtimeRatio\":1,\"latencyMs\":-5,\"downloadMbps\":1,\"uploadMbps\":1}}}            | registration.benchmark.latencyMs",
            "$B{\"realtimeRatio\":1,\"latencyMs\":1.5,\"downloadMbps\":1,\"uploadMbps\":1}}}           | registration.benchmark.latencyMs",
            "$B{\"realtimeRatio\":1,\"latencyMs\":1,\"downloadMbps\":-1,\"uploadMbps\":1}}}            | registration.benchmark.downloadMbps",
            "$B{\"realtimeRatio\":1,\"latencyMs\":1,\"downloadMbps\":1}}}                              | registration.benchmark.uploadMbps",
            "$B{\"realtimeRatio\":1,\"latencyMs\":1,\"downloadMbps\":1,\"uploadMbps\":1,\"gpu\":7}}}   | registration.benchmark.gpu",
            "$B{\"realtimeRatio\":1,\"latencyMs\":1,\"downloadMbps\":1,\"uploadMbps\":1,\"profiles\":[\"ok\",\"\"]}}} | registration.benchmark.profiles[1]",
            "$B{\"realtimeRatio\":1,\"latencyMs\":1,\"downloadMbps\":1,\"uploadMbps\":1,\"cpu\":1}}}   | registration.benchmark.cpu"})
    void eachBadRegistrationIsA400NamingTheFieldAndWritesNothing(String body, String field) throws Exception {
        Address t = newAddress();
        String b = body.replace("$B", "{\"registration\":{\"transcoder\":\"" + t.hex() + "\",\"benchmark\":")
                .replace("$T", t.hex());
        registrations.mark();
        TestGateway.Answer answer = gateway.postSigned("/registerTranscoder", b);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid");
        assertThat(answer.field()).isEqualTo(field);
        assertThat(answer.json().get("message").asText()).isNotEmpty();
        assertThat(registrations.sinceMark()).noneMatch(r -> r.key().equals(t.hex()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"downloadMs\":-1,\"transcodeMs\":1,\"uploadMs\":1       | jobDetails.downloadMs",
            "\"downloadMs\":1,\"transcodeMs\":\"9\",\"uploadMs\":1    | jobDetails.transcodeMs",
            "\"downloadMs\":1,\"transcodeMs\":1,\"uploadMs\":0.5      | jobDetails.uploadMs",
            "\"downloadMs\":1,\"transcodeMs\":1                       | jobDetails.uploadMs"})
    void aJobWithBadPhaseTimesIsA400NamingTheFieldAndWritesNothing(String phases, String field) throws Exception {
        Address t = newAddress();
        jobs.mark();
        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":{\"jobId\":\"bad-"
                + UUID.randomUUID() + "\",\"transcoder\":\"" + t.hex() + "\",\"pixels\":1,\"duration\":2,\"profiles\":1,"
                + "\"roundJob\":1," + phases + "}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo(field);
        assertThat(jobs.sinceMark()).noneMatch(r -> r.value().getTranscoder().equals(t.hex()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/getTranscoderStatus                              | transcoderAddress",
            "/getTranscoderStatus?transcoderAddress=0x12        | transcoderAddress",
            "/getTranscoders?limit=0                            | limit",
            "/getTranscoders?limit=1001                         | limit",
            "/getTranscoders?after=nobody                       | after",
            "/getTranscoders?after=0x1&after=0x2                | after"})
    void badReadParametersAreA400NamingThem(String path, String field) throws Exception {
        TestGateway.Answer answer = gateway.get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo(field);
    }

    @Test
    void aRestartOnAnEmptyStateDirectoryKeepsEveryStatusAndWindow() throws Exception {
        Address admitted = newAddress();
        Address excludedByPolicy = newAddress();
        Address excludedByLatency = newAddress();
        registerFast(admitted);
        register(excludedByPolicy, "0.5", 30, "100", "50");
        registerFast(excludedByLatency);
        postJobs(admitted, 250, 3);
        awaitStatus(admitted, is("admitted", 3));
        awaitStatus(excludedByLatency, is("admitted", 0));
        postJobs(excludedByLatency, 300, 20);
        postJobs(excludedByLatency, 1200, 5);
        awaitStatus(excludedByLatency, is("excluded", 25));
        awaitStatus(excludedByPolicy, is("excluded", 0));

        // stop, lose the local state, start again: the stores come back from their changelog topics
        performance.close();
        Directories.deleteRecursively(stateDir);
        performance = startPerformance();

        postJobs(admitted, 250, 1);
        postJobs(excludedByLatency, 300, 1);
        JsonNode a = awaitStatus(admitted, is("admitted", 4));
        assertThat(a.get("maxSessions").asInt()).isEqualTo(10);
        assertThat(a.get("latency").get("p95Ms").asLong()).isEqualTo(250);
        JsonNode l = awaitStatus(excludedByLatency, is("excluded", 26));
        assertThat(l.get("latency").get("p95Ms").asLong()).isEqualTo(1200);
        assertThat(l.get("reason").asText()).contains("over the last 22 jobs");
        assertThat(status(excludedByPolicy).get("status").asText()).isEqualTo("excluded");

        // the paged list shows each once, in address order, with its status
        List<JsonNode> ours = new ArrayList<>();
        List<String> order = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 1000; pages++) {
            TestGateway.Answer page = gateway.get("/getTranscoders?limit=2" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("transcoders").forEach(row -> {
                order.add(row.get("transcoder").asText());
                if (List.of(admitted.hex(), excludedByPolicy.hex(), excludedByLatency.hex())
                        .contains(row.get("transcoder").asText())) {
                    ours.add(row);
                }
            });
            JsonNode next = page.json().get("nextAfter");
            if (next.isNull()) {
                break;
            }
            after = next.asText();
        }
        assertThat(order).isSorted().doesNotHaveDuplicates();
        assertThat(ours).hasSize(3);
        assertThat(ours).filteredOn(r -> r.get("transcoder").asText().equals(admitted.hex()))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("status").asText()).isEqualTo("admitted");
                    assertThat(r.get("maxSessions").asInt()).isEqualTo(10);
                });
        assertThat(ours).filteredOn(r -> r.get("status").asText().equals("excluded")).hasSize(2);
    }

    static JsonNode awaitListed(Address t, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            String after = "0x" + "0".repeat(40);
            // the page that starts just before t's address: t is its first row when it is known
            String before = predecessor(t.hex());
            TestGateway.Answer page = gateway.get("/getTranscoders?limit=1&after=" + (before == null ? after : before));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode rows = page.json().get("transcoders");
            if (!rows.isEmpty() && rows.get(0).get("transcoder").asText().equals(t.hex()) && until.test(rows.get(0))) {
                return rows.get(0);
            }
            assertThat(System.nanoTime()).as("%s never listed as expected: %s", t, page.body()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The address just below {@code hex} (these test addresses end in eight zeros, so the last byte can go down). */
    static String predecessor(String hex) {
        java.math.BigInteger value = new java.math.BigInteger(hex.substring(2), 16);
        if (value.signum() == 0) {
            return null;
        }
        return "0x" + String.format("%40s", value.subtract(java.math.BigInteger.ONE).toString(16)).replace(' ', '0');
    }
}
