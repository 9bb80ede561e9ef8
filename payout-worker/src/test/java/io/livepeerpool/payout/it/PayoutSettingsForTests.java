package io.livepeerpool.payout.it;

import io.livepeerpool.payout.PayoutConfig;
import io.livepeerpool.payout.PayoutSettings;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigSource;
import java.util.Map;

/** Settings through the real configuration keys, so tests exercise the same parsing and validation. */
final class PayoutSettingsForTests {
    private PayoutSettingsForTests() {
    }

    static PayoutSettings of(Map<String, String> values) {
        return PayoutConfig.settings(Config.load(ConfigSource.of(values), PayoutConfig.keys()));
    }
}
