package io.livepeerpool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.platform.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a service logs of its configuration at start: everything, with the secrets (and secret parts of URLs) masked. */
class LoggedConfigurationTest {
    private static final String RPC = "https://arb-mainnet.g.alchemy.com/v2/AlchemyKey0123456789abcdef";

    @Test
    void theChainWatchersLoggedConfigurationHidesTheRpcKey() {
        ConfigOptions options = new ConfigOptions();
        options.overrides.put("chain.rpcUrl", RPC);
        options.overrides.put("chain.preset", "arbitrum-one");
        options.overrides.put("kafka.bootstrapServers", "kafka:9092");
        options.overrides.put("schemaRegistry.url", "http://registry-user:registry-pw@registry:8080/apis/ccompat/v7");
        List<ConfigKey<?>> keys = new ArrayList<>(ChainWatcherConfig.keys());
        keys.addAll(OpsOptions.KEYS);

        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.start();
        root.addAppender(appender);
        try {
            options.load("chain watcher", keys);
        } finally {
            root.detachAppender(appender);
        }

        String logged = String.join("\n", appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(logged)
                .contains("chain.rpcUrl = https://arb-mainnet.g.alchemy.com/****")
                .contains("schemaRegistry.url = http://****@registry:8080/apis/ccompat/v7")
                .doesNotContain("AlchemyKey").doesNotContain("registry-pw");
        assertThat(appender.list).as("one configuration line per start").hasSize(1);
    }
}
