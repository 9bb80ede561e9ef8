package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.livepeerpool.gateway.http.RequestIds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request gets an id, returned as X-Request-Id and carried by the log line of the write it served. */
class RequestIdLogTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String job(String id) {
        return "{\"jobDetails\":{\"jobId\":\"" + id + "\",\"transcoder\":\"0x00000000000000000000000000000000000000e7\","
                + "\"pixels\":1000,\"duration\":2,\"profiles\":1,\"roundJob\":1}}";
    }

    @Test
    void anAcceptedWriteIsLoggedWithItsRequestId() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", job("rid-" + System.nanoTime()));

            assertThat(answer.status()).isEqualTo(202);
            String id = answer.raw().headers().firstValue(RequestIds.HEADER).orElseThrow();
            assertThat(linesWith(logs, id)).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("accepted job rid-"));
        }
    }

    @Test
    void aRefusedWriteIsLoggedWithItsRequestId() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":{}}");

            assertThat(answer.status()).isEqualTo(400);
            String id = answer.raw().headers().firstValue(RequestIds.HEADER).orElseThrow();
            assertThat(linesWith(logs, id)).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("refused POST /recordTranscoderJob: 400 invalid"));
        }
    }

    @Test
    void aRefusedSignatureIsLoggedWithItsRequestId() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            TestGateway.Answer answer = gateway.post("/recordTranscoderJob", job("unsigned").getBytes(), java.util.Map.of(),
                    "application/json");

            assertThat(answer.status()).isEqualTo(401);
            String id = answer.raw().headers().firstValue(RequestIds.HEADER).orElseThrow();
            assertThat(linesWith(logs, id)).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("missing_header"));
        }
    }

    @Test
    void readsGetAnIdToo() throws Exception {
        TestGateway.Answer a = gateway.get("/getSettlements");
        TestGateway.Answer b = gateway.get("/getSettlements");
        assertThat(a.raw().headers().firstValue(RequestIds.HEADER)).isPresent();
        assertThat(a.raw().headers().firstValue(RequestIds.HEADER)).isNotEqualTo(b.raw().headers().firstValue(RequestIds.HEADER));
    }

    private static List<ILoggingEvent> linesWith(LogCapture logs, String requestId) {
        return logs.events().stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get(RequestIds.MDC_KEY))).toList();
    }
}
