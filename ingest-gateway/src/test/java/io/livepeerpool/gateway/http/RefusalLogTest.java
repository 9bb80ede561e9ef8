package io.livepeerpool.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A line each up to the budget of a second; past it, counted by reason and summed up once per interval. */
class RefusalLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusalLog.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void linesUpToTheBudgetThenCountsUntilTheNextSecond() {
        RefusalLog refusals = RefusalLog.manual(3, Duration.ofSeconds(10), nanos::get);
        assertThat(refusals.lineFor("bad_signature")).isTrue();
        assertThat(refusals.lineFor("nonce_store_full")).isTrue();
        assertThat(refusals.lineFor("nonce_store_full")).isTrue();
        assertThat(refusals.lineFor("nonce_store_full")).isFalse();
        assertThat(refusals.lineFor("bad_signature")).isFalse();
        nanos.addAndGet(999_999_999L);
        assertThat(refusals.lineFor("nonce_store_full")).as("still the same second").isFalse();
        nanos.addAndGet(1L);
        assertThat(refusals.lineFor("nonce_store_full")).as("a new second, a new budget").isTrue();

        refusals.summarise();
        refusals.summarise();

        assertThat(appender.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo("refusals without a line of their own in the last 10 s"
                    + " (over 3 lines a second): 3 (bad_signature 1, nonce_store_full 2)");
        });
    }

    @Test
    void aQuietIntervalHasNoSummaryAndCloseSummarisesWhatIsLeft() {
        RefusalLog refusals = RefusalLog.manual(1, Duration.ofSeconds(10), nanos::get);
        refusals.summarise();
        assertThat(refusals.lineFor("kafka_unavailable")).isTrue();
        refusals.summarise();
        assertThat(appender.list).as("every refusal had its line").isEmpty();

        assertThat(refusals.lineFor("kafka_unavailable")).isFalse();
        refusals.close();
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "refusals without a line of their own in the last 10 s (over 1 lines a second): 1 (kafka_unavailable 1)");
    }

    @Test
    void refusesAnEmptyBudget() {
        assertThatThrownBy(() -> RefusalLog.manual(0, Duration.ofSeconds(10), nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linesPerSecond");
    }
}
