package io.livepeerpool.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The line format of platform's logback.xml, as every service prints it. */
class LogFormatTest {

    @Test
    void everyLineStartsWithAnIsoTimestampInUtcAndEndsWithTheMdc() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) ((OutputStreamAppender<?>) root.getAppender("OUT")).getEncoder();

        LoggingEvent plain = new LoggingEvent("x", root, Level.INFO, "started {}", null, new Object[] {"gateway"});
        LoggingEvent withId = new LoggingEvent("x", root, Level.INFO, "accepted", null, null);
        withId.setMDCPropertyMap(Map.of("requestId", "4f9c"));

        assertThat(new String(encoder.encode(plain), StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z INFO  ROOT +started gateway\\R");
        assertThat(new String(encoder.encode(withId), StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z INFO  ROOT +accepted \\[requestId=4f9c\\]\\R");
    }
}
