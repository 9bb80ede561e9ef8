package io.livepeerpool.ledger.streams.maxfloat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaxFloatConfigTest {
    private static final String BROKER = "0x00000000000000000000000000000000000000b1";

    private static Map<String, String> complete() {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrapServers", "kafka:9092");
        m.put("schemaRegistry.url", "http://registry:8081");
        m.put("chain.rpcUrl", "http://node:8545");
        m.put("chain.ticketBroker", BROKER);
        m.put("chain.roundsManager", "0x00000000000000000000000000000000000000b2");
        m.put("chain.bondingManager", "0x00000000000000000000000000000000000000b3");
        m.put("maxFloat.recipient", "0x00000000000000000000000000000000000000aa");
        return m;
    }

    @Test
    void defaults() {
        MaxFloatConfig config = MaxFloatConfig.from(Config.load(ConfigSource.of(complete()), MaxFloatConfig.KEYS));
        assertThat(config.applicationId()).isEqualTo("pool-max-float");
        assertThat(config.stateDir()).isEqualTo(Path.of("data/max-float"));
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.ticketBroker().hex()).isEqualTo(BROKER);
    }

    @Test
    void reportsEveryProblemAtOnceByKey() {
        Map<String, String> bad = complete();
        bad.remove("maxFloat.recipient");
        bad.remove("chain.rpcUrl");
        bad.put("chain.ticketBroker", "0x12");
        bad.put("maxFloat.partitions", "0");
        assertThatThrownBy(() -> Config.load(ConfigSource.of(bad), MaxFloatConfig.KEYS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maxFloat.recipient")
                .hasMessageContaining("chain.rpcUrl")
                .hasMessageContaining("chain.ticketBroker")
                .hasMessageContaining("maxFloat.partitions");
    }
}
