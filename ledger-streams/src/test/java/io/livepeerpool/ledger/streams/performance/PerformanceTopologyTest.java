package io.livepeerpool.ledger.streams.performance;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.streams.MemoryRegistry;
import io.livepeerpool.protocol.performance.LatencyLimit;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import io.livepeerpool.schemas.avro.TranscoderStatus;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology on the test driver: registrations set the status, job latencies drift it into exclusion. */
class PerformanceTopologyTest {
    static final String T = "0x00000000000000000000000000000000000000f1";
    static final String U = "0x00000000000000000000000000000000000000f2";
    static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, TranscoderJob> jobs;
    private TestInputTopic<String, TranscoderRegistration> registrations;
    private TestOutputTopic<String, TranscoderStatus> out;
    private int jobCount;

    @BeforeEach
    void start() throws Exception {
        SchemaRegistryClient registry = new MemoryRegistry();
        PerformanceTopics topics = PerformanceTopics.catalogue();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "performance-ttd-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("performance-ttd").toString());
        // window of 10 jobs, p95 over 800 ms excludes once 5 jobs are in
        driver = new TopologyTestDriver(PerformanceTopology.build(topics, 10, new LatencyLimit(800, 5), registry), props);
        jobs = driver.createInputTopic(topics.jobs(), Serdes.String().serializer(),
                AvroSerde.forClass(TranscoderJob.class, registry).serializer());
        registrations = driver.createInputTopic(topics.registrations(), Serdes.String().serializer(),
                AvroSerde.forClass(TranscoderRegistration.class, registry).serializer());
        out = driver.createOutputTopic(topics.status(), Serdes.String().deserializer(),
                AvroSerde.forClass(TranscoderStatus.class, registry).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static TranscoderRegistration registration(String transcoder, String status, int sessions, Instant at) {
        return TranscoderRegistration.newBuilder().setRequestId("reg-" + at.toEpochMilli()).setOrchestrator(U)
                .setKeyId("k").setReceivedAt(at).setTranscoder(transcoder).setRealtimeRatio("0.05").setLatencyMs(20)
                .setDownloadMbps("1000").setUploadMbps("1000").setGpu(null).setProfiles(List.of())
                .setStatus(status).setMaxSessions(sessions).setReason("policy says " + status)
                .setEstimateMs("781.6").build();
    }

    TranscoderJob job(String transcoder, Long download, Long transcode, Long upload) {
        jobCount++;
        return TranscoderJob.newBuilder().setRequestId("r" + jobCount).setOrchestrator(U).setKeyId("k")
                .setReceivedAt(T0.plusSeconds(100 + jobCount)).setJobId("j" + jobCount).setTranscoder(transcoder)
                .setPixels(1).setDurationMs(2000).setProfiles(3).setRoundJob(1).setFaceValue(BigDecimal.ZERO)
                .setDownloadMs(download).setTranscodeMs(transcode).setUploadMs(upload).build();
    }

    void register(String transcoder, String status, int sessions, Instant at) {
        registrations.pipeInput(transcoder, registration(transcoder, status, sessions, at));
    }

    void jobsOf(String transcoder, long totalMs, int n) {
        for (int i = 0; i < n; i++) {
            jobs.pipeInput(transcoder, job(transcoder, 50L, totalMs - 100, 50L));
        }
    }

    @Test
    void latencyDriftsIntoExclusionThenAPassingRegistrationReinstates() {
        register(T, "admitted", 6, T0);
        TranscoderStatus registered = out.readValue();
        assertThat(registered.getStatus()).isEqualTo("admitted");
        assertThat(registered.getMaxSessions()).isEqualTo(6);
        assertThat(registered.getCause()).isEqualTo("Registered");
        assertThat(registered.getSince()).isEqualTo(T0);

        jobsOf(T, 400, 8);
        List<TranscoderStatus> figures = out.readValuesToList();
        assertThat(figures).hasSize(8).allMatch(s -> s.getStatus().equals("admitted") && s.getCause().equals("Latency"));
        assertThat(figures.get(7).getSamples()).isEqualTo(8);
        assertThat(figures.get(7).getP95Ms()).isEqualTo(400);

        // drift: slower jobs; the p95 of 10 is the 10th value, so the first 900 ms job puts it over the limit
        jobsOf(T, 900, 1);
        TranscoderStatus excluded = out.readValue();
        assertThat(excluded.getStatus()).isEqualTo("excluded");
        assertThat(excluded.getCause()).isEqualTo("Excluded");
        assertThat(excluded.getMaxSessions()).isZero();
        assertThat(excluded.getP95Ms()).isEqualTo(900);
        assertThat(excluded.getP50Ms()).isEqualTo(400);
        assertThat(excluded.getSamples()).isEqualTo(9);
        assertThat(excluded.getReason()).isEqualTo("p95 latency 900 ms over the last 9 jobs is above the 800 ms limit (p50 400 ms)");
        Instant exclusionTime = excluded.getSince();

        // excluded stays excluded while jobs keep coming, even fast ones; the window keeps the last 10
        jobsOf(T, 100, 5);
        TranscoderStatus later = out.readValuesToList().getLast();
        assertThat(later.getStatus()).isEqualTo("excluded");
        assertThat(later.getSince()).isEqualTo(exclusionTime);
        assertThat(later.getSamples()).isEqualTo(10);

        // a new passing registration reinstates, with an empty window
        register(T, "admitted", 4, T0.plusSeconds(1000));
        TranscoderStatus reinstated = out.readValue();
        assertThat(reinstated.getStatus()).isEqualTo("admitted");
        assertThat(reinstated.getMaxSessions()).isEqualTo(4);
        assertThat(reinstated.getSamples()).isZero();
        jobsOf(T, 500, 1);
        assertThat(out.readValue().getSamples()).isEqualTo(1);
    }

    @Test
    void fewerThanMinSamplesNeverExclude() {
        register(T, "admitted", 2, T0);
        out.readValue();
        jobsOf(T, 5000, 4);
        assertThat(out.readValuesToList()).allMatch(s -> s.getStatus().equals("admitted"));
        jobsOf(T, 5000, 1);
        assertThat(out.readValue().getStatus()).isEqualTo("excluded");
    }

    @Test
    void aFailingRegistrationExcludesAndDoesNotReinstate() {
        register(T, "admitted", 2, T0);
        jobsOf(T, 5000, 5);
        assertThat(out.readValuesToList().getLast().getStatus()).isEqualTo("excluded");
        register(T, "excluded", 0, T0.plusSeconds(500));
        TranscoderStatus status = out.readValue();
        assertThat(status.getStatus()).isEqualTo("excluded");
        assertThat(status.getReason()).isEqualTo("policy says excluded");
    }

    @Test
    void jobsOfUnregisteredTranscodersAndJobsWithoutPhaseTimesChangeNothing() {
        jobsOf(U, 5000, 6);
        jobs.pipeInput(T, job(T, null, null, null));
        assertThat(out.isEmpty()).isTrue();
        register(T, "admitted", 1, T0);
        out.readValue();
        jobs.pipeInput(T, job(T, null, null, null));
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void aNegativePhaseTimeIsSkipped() {
        register(T, "admitted", 1, T0);
        out.readValue();
        jobs.pipeInput(T, job(T, -1L, 10L, 10L));
        assertThat(out.isEmpty()).isTrue();
        jobsOf(T, 300, 1);
        assertThat(out.readValue().getSamples()).isEqualTo(1);
    }
}
