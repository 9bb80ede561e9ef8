package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.livepeerpool.gateway.auth.AuthHeaders;
import io.livepeerpool.gateway.auth.RequestSigner;
import io.livepeerpool.gateway.http.SignedRequests;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every authentication failure is a 401 JSON error, leaves the topic untouched, and logs one line without secrets. */
class AuthenticationTest {
    static final String PATH = "/recordTranscoderJob";

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

    static byte[] body(String jobId) {
        return ("{\"jobDetails\":{\"jobId\":\"" + jobId + "\",\"transcoder\":\"0x00000000000000000000000000000000000000c3\","
                + "\"pixels\":100,\"duration\":2,\"profiles\":1,\"roundJob\":1}}").getBytes(StandardCharsets.UTF_8);
    }

    TestGateway.Answer post(byte[] body, Map<String, String> headers) throws Exception {
        return gateway.post(PATH, body, headers, "application/json");
    }

    void assertRefused(TestGateway.Answer answer, String header) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("unauthenticated");
        assertThat(answer.field()).isEqualTo(header);
        assertThat(answer.json().get("message").asText()).isNotBlank();
        assertThat(jobs.sinceMark()).isEmpty();
    }

    @Test
    void eachMissingHeaderIsRefused() throws Exception {
        for (String header : AuthHeaders.ALL) {
            byte[] body = body("missing-" + header);
            Map<String, String> headers = new HashMap<>(gateway.signerA1.headers("POST", PATH, body));
            headers.remove(header);

            assertRefused(post(body, headers), header);
        }
    }

    @Test
    void anUnknownKeyIsRefused() throws Exception {
        byte[] body = body("unknown-key");

        assertRefused(post(body, RequestSigner.of("orch-z-9", TestGateway.SECRET_A1).headers("POST", PATH, body)), AuthHeaders.KEY_ID);
    }

    @Test
    void aSignatureWithAnotherKeysSecretIsRefused() throws Exception {
        byte[] body = body("bad-signature");

        assertRefused(post(body, RequestSigner.of(TestGateway.KEY_A1, TestGateway.SECRET_B).headers("POST", PATH, body)),
                AuthHeaders.SIGNATURE);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        Map<String, String> headers = gateway.signerA1.headers("POST", PATH, body("original"));

        assertRefused(post(body("tampered"), headers), AuthHeaders.SIGNATURE);
    }

    @Test
    void aSignatureForAnotherPathIsRefused() throws Exception {
        byte[] body = body("other-path");

        assertRefused(post(body, gateway.signerA1.headers("POST", "/recordTranscoderJobs", body)), AuthHeaders.SIGNATURE);
    }

    @Test
    void staleTimestampsEitherWayAreRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        for (long timestamp : new long[] {now - 301, now + 301, now - 86_400}) {
            byte[] body = body("stale-" + timestamp);

            assertRefused(post(body, gateway.signerA1.headers("POST", PATH, body, Long.toString(timestamp),
                    RequestSigner.newNonce())), AuthHeaders.TIMESTAMP);
        }
    }

    @Test
    void aReplayedRequestIsRefusedAndWrittenOnlyOnce() throws Exception {
        byte[] body = body("replayed");
        Map<String, String> headers = gateway.signerA1.headers("POST", PATH, body);

        assertThat(post(body, headers).status()).isEqualTo(202);
        jobs.mark();

        assertRefused(post(body, headers), AuthHeaders.NONCE);
    }

    @Test
    void theSameNonceUnderARotatedKeyIsItsOwnEntry() throws Exception {
        byte[] body = body("rotation");
        String nonce = RequestSigner.newNonce();
        String timestamp = Long.toString(Instant.now().getEpochSecond());

        TestGateway.Answer oldKey = post(body, gateway.signerA1.headers("POST", PATH, body, timestamp, nonce));
        TestGateway.Answer newKey = post(body, RequestSigner.of(TestGateway.KEY_A2, TestGateway.SECRET_A2)
                .headers("POST", PATH, body, timestamp, nonce));

        assertThat(oldKey.status()).isEqualTo(202);
        assertThat(newKey.status()).isEqualTo(202);
        assertThat(jobs.sinceMark()).extracting(r -> r.value().getKeyId())
                .containsExactly(TestGateway.KEY_A1, TestGateway.KEY_A2);
    }

    @Test
    void refusalsAreLoggedOncePerRequestWithoutSecretsOrSignatures() throws Exception {
        int before = logs.from(SignedRequests.class).size();
        byte[] body = body("logged");
        Map<String, String> headers = RequestSigner.of(TestGateway.KEY_A1, TestGateway.SECRET_B).headers("POST", PATH, body);

        post(body, headers);

        List<ILoggingEvent> lines = logs.from(SignedRequests.class);
        assertThat(lines).hasSize(before + 1);
        String line = lines.get(lines.size() - 1).getFormattedMessage();
        assertThat(line).contains("bad_signature").contains(TestGateway.KEY_A1)
                .doesNotContain(TestGateway.SECRET_A1).doesNotContain(TestGateway.SECRET_B)
                .doesNotContain(headers.get(AuthHeaders.SIGNATURE));
        assertThat(lines.get(lines.size() - 1).getLevel().toString()).isIn("INFO", "WARN");
    }

    @Test
    void aHostileKeyIdCannotForgeLogLines() throws Exception {
        byte[] body = body("hostile");
        Map<String, String> headers = new HashMap<>(gateway.signerA1.headers("POST", PATH, body));
        headers.put(AuthHeaders.KEY_ID, "evil\tkey ${jndi:x}");

        post(body, headers);

        List<ILoggingEvent> lines = logs.from(SignedRequests.class);
        assertThat(lines.get(lines.size() - 1).getFormattedMessage()).contains("evil?key???jndi:x?").doesNotContain("\t");
    }

    @Test
    void rejectionsAreCountedByReason() throws Exception {
        byte[] body = body("counted");
        post(body, RequestSigner.of("nobody", TestGateway.SECRET_A1).headers("POST", PATH, body));

        assertThat(gateway.registry.get("gateway.rejected").tag("reason", "unknown_key").counter().count()).isGreaterThanOrEqualTo(1);
    }
}
