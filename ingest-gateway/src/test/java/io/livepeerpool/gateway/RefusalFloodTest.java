package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.livepeerpool.gateway.auth.RequestSigner;
import io.livepeerpool.gateway.http.RefusalLog;
import io.livepeerpool.gateway.http.SignedRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of refusals does not flood the log: past {@code gateway.log.refusalLinesPerSecond} a refusal is counted, not
 * logged, and every refusal is either its own line or in a summary. Each one is still answered and counted.
 */
class RefusalFloodTest {
    private static final String PATH = "/recordTranscoderJob";
    private static final int POSTS = 20;
    private static final Pattern SUMMARY = Pattern.compile("over 1 lines a second\\): (\\d+) \\(bad_signature (\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void pastTheBudgetRefusalsAreSummedUpNotLoggedOneByOne() throws Exception {
        int linesOwn;
        List<ILoggingEvent> summaries;
        try (LogCapture logs = new LogCapture()) {
            TestGateway gateway = TestGateway.start(dir, Map.of("gateway.log.refusalLinesPerSecond", "1"));
            try {
                for (int i = 0; i < POSTS; i++) {
                    byte[] body = ("{\"jobDetails\":{\"jobId\":\"flood-" + i + "\"}}").getBytes(StandardCharsets.UTF_8);
                    TestGateway.Answer answer = gateway.post(PATH, body,
                            RequestSigner.of(TestGateway.KEY_A1, TestGateway.SECRET_B).headers("POST", PATH, body),
                            "application/json");
                    assertThat(answer.status()).isEqualTo(401);
                }
                assertThat(gateway.registry.get("gateway.rejected").tag("reason", "bad_signature").counter().count())
                        .as("every refusal counted").isEqualTo(POSTS);
            } finally {
                gateway.close(); // the summary of what is left is written at close
            }
            linesOwn = (int) logs.events().stream().filter(e -> e.getLoggerName().equals(SignedRequests.class.getName()))
                    .filter(e -> e.getFormattedMessage().contains("bad_signature")).count();
            summaries = logs.events().stream().filter(e -> e.getLoggerName().equals(RefusalLog.class.getName())).toList();
        }
        // one line a second: twenty posts would need twenty seconds to each get a line of their own
        assertThat(linesOwn).isBetween(1, POSTS - 1);
        assertThat(summaries).isNotEmpty().allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        int summed = 0;
        for (ILoggingEvent summary : summaries) {
            Matcher m = SUMMARY.matcher(summary.getFormattedMessage());
            assertThat(m.find()).as(summary.getFormattedMessage()).isTrue();
            assertThat(m.group(1)).isEqualTo(m.group(2));
            summed += Integer.parseInt(m.group(1));
        }
        assertThat(linesOwn + summed).as("each refusal is a line of its own or in a summary").isEqualTo(POSTS);
    }
}
