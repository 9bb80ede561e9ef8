package io.livepeerpool.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One summary line per interval with what was accepted in it, none for an idle interval. */
class AcceptedJobsLogTest {
    @Test
    void summarisesEachIntervalOnceAndStaysQuietWhenIdle() {
        Logger logger = (Logger) LoggerFactory.getLogger(AcceptedJobsLog.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (AcceptedJobsLog log = new AcceptedJobsLog(Duration.ofHours(1))) {
            log.accepted(1);
            log.accepted(100);
            log.accepted(1);
            log.summarise();
            log.summarise();
            log.accepted(5);
            log.summarise();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "accepted 102 jobs in 3 requests in the last 3600 s", "accepted 5 jobs in 1 requests in the last 3600 s");
    }
}
