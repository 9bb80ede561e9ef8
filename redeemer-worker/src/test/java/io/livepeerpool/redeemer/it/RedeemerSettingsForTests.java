package io.livepeerpool.redeemer.it;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.redeemer.RedeemerConfig;
import io.livepeerpool.redeemer.RedeemerSettings;
import java.util.Map;

/** Settings through the real configuration keys, so tests exercise the same parsing and validation. */
final class RedeemerSettingsForTests {
    private RedeemerSettingsForTests() {
    }

    static RedeemerSettings of(Map<String, String> values) {
        Config config = Config.load(ConfigSource.of(values), RedeemerConfig.keys());
        return RedeemerConfig.settings(config);
    }
}
