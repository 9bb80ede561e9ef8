package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.gateway.http.BenchAckedWrite;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's endpoints: absent by default; when enabled the bare one answers 202 and writes nothing, the acked one
 * answers 202 once the body is in its own topic.
 */
class BenchBaselineTest {
    private static final String BODY = "{\"jobDetails\":{\"jobId\":\"bench-1\",\"transcoder\":\"0x" + "1".repeat(40)
            + "\",\"pixels\":1,\"duration\":1,\"profiles\":1,\"roundJob\":1}}";

    @Test
    void absentUnlessEnabled(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = TestGateway.start(dir)) {
            assertThat(gateway.post("/bench/baseline", BODY.getBytes(StandardCharsets.UTF_8), Map.of(), "application/json")
                    .status()).isEqualTo(404);
            assertThat(gateway.post("/bench/acked", BODY.getBytes(StandardCharsets.UTF_8), Map.of(), "application/json")
                    .status()).isEqualTo(404);
        }
    }

    @Test
    void theAckedEndpointAnswersOnceTheBodyIsInItsTopic(@TempDir Path dir) throws Exception {
        TestGateway.devstack().createTopics(List.of(new NewTopic(BenchAckedWrite.TOPIC, 2, (short) 1)));
        try (TestGateway gateway = TestGateway.start(dir, Map.of("gateway.benchBaseline", "true"));
             TopicProbe<TranscoderJob> jobs = new TopicProbe<>(TestGateway.devstack(), Topics.TRANSCODER_JOBS)) {
            jobs.mark();
            for (int i = 0; i < 3; i++) {
                TestGateway.Answer answer = gateway.post("/bench/acked", (BODY + i).getBytes(StandardCharsets.UTF_8),
                        Map.of(), "application/json");
                assertThat(answer.status()).isEqualTo(202);
            }
            assertThat(benchRecords()).containsExactlyInAnyOrder(BODY + 0, BODY + 1, BODY + 2);
            assertThat(gateway.postSigned("/recordTranscoderJob", BODY).status()).isEqualTo(202);
            assertThat(jobs.sinceMark()).as("nothing in the jobs' topic but the signed post")
                    .extracting(r -> r.value().getJobId()).containsExactly("bench-1");
        }
    }

    /** Every value in the acked endpoint's topic, as text: what was acknowledged is there when the 202 came. */
    private static List<String> benchRecords() throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestGateway.devstack().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(BenchAckedWrite.TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            // the end offsets were read after the 202s, so everything acknowledged is below them: no waiting for more
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
            }
            return values;
        }
    }

    @Test
    void whenEnabledAnswersWithoutWritingAnything(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = TestGateway.start(dir, Map.of("gateway.benchBaseline", "true"));
             TopicProbe<TranscoderJob> jobs = new TopicProbe<>(TestGateway.devstack(), Topics.TRANSCODER_JOBS)) {
            jobs.mark();
            TestGateway.Answer answer = gateway.post("/bench/baseline", BODY.getBytes(StandardCharsets.UTF_8), Map.of(),
                    "application/json");
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.json().get("status").asText()).isEqualTo("accepted");
            assertThat(gateway.postSigned("/recordTranscoderJob", BODY).status()).isEqualTo(202);
            assertThat(jobs.sinceMark()).extracting(r -> r.value().getJobId()).containsExactly("bench-1");
        }
    }
}
