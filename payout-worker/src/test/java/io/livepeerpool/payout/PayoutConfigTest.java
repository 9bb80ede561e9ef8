package io.livepeerpool.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.schemas.avro.GasPayer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayoutConfigTest {
    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("chain.rpcUrl", "http://127.0.0.1:8545");
        m.put("chain.poolPayouts", "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
        m.put("kafka.bootstrapServers", "127.0.0.1:9092");
        m.put("schemaRegistry.url", "http://127.0.0.1:8081");
        m.put("payout.walletKey", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        return m;
    }

    @Test
    void defaultsArePoolPaysGasAndBatchesOfAHundred() {
        PayoutSettings s = PayoutConfig.settings(io.livepeerpool.platform.config.Config.load(ConfigSource.of(base()),
                PayoutConfig.keys()));
        assertThat(s.gasPaidBy()).isEqualTo(GasPayer.pool);
        assertThat(s.batchMaxPayees()).isEqualTo(100);
        assertThat(PayoutConfig.load(ConfigSource.of(base()))).isNotNull();
    }

    @Test
    void badValuesNameTheirKeys() {
        Map<String, String> m = base();
        m.put("payout.gasPaidBy", "broadcaster");
        m.put("chain.poolPayouts", "0x12");
        assertThatThrownBy(() -> PayoutConfig.load(ConfigSource.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("payout.gasPaidBy").hasMessageContaining("chain.poolPayouts");
        Map<String, String> noKey = base();
        noKey.remove("payout.walletKey");
        assertThatThrownBy(() -> PayoutConfig.load(ConfigSource.of(noKey))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("payout.walletKey").hasMessageNotContaining("59c6995e");
    }
}
