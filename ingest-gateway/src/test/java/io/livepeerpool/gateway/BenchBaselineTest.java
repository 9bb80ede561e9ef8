package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's bare endpoint: absent by default; when enabled it answers 202 and writes nothing. */
class BenchBaselineTest {
    private static final String BODY = "{\"jobDetails\":{\"jobId\":\"bench-1\",\"transcoder\":\"0x" + "1".repeat(40)
            + "\",\"pixels\":1,\"duration\":1,\"profiles\":1,\"roundJob\":1}}";

    @Test
    void absentUnlessEnabled(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = TestGateway.start(dir)) {
            assertThat(gateway.post("/bench/baseline", BODY.getBytes(StandardCharsets.UTF_8), Map.of(), "application/json")
                    .status()).isEqualTo(404);
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
