package io.livepeerpool.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    private static final ConfigKey<Integer> PORT = ConfigKey.integer("gateway.port", 8443, 0, 65535, "HTTPS port");
    private static final ConfigKey<String> PASSWORD = ConfigKey.secret("db.password", "database password");
    private static final ConfigKey<BigInteger> THRESHOLD = ConfigKey.bigInteger("ledger.payoutThresholdWei",
            BigInteger.TEN.pow(16), BigInteger.ZERO, "payout threshold");

    @Test
    void overridesBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool.properties");
        Files.writeString(file, "gateway.port=1000\ndb.password=fromfile\n");
        ConfigSource source = ConfigSource.load(file, Map.of("POOL_GATEWAY_PORT", "2000"), Map.of());
        Config config = Config.load(source, List.of(PORT, PASSWORD, THRESHOLD));
        assertThat(config.get(PORT)).isEqualTo(2000);
        assertThat(config.get(THRESHOLD)).isEqualTo(BigInteger.TEN.pow(16));
        Config overridden = Config.load(source.withOverrides(Map.of("gateway.port", "3000")), List.of(PORT, PASSWORD));
        assertThat(overridden.get(PORT)).isEqualTo(3000);
    }

    @Test
    void secretsComeFromFilesAndNeverShowInTheDescription(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "s3cret\n");
        Config config = Config.load(ConfigSource.load(null, Map.of("POOL_DB_PASSWORD_FILE", secret.toString()), Map.of()),
                List.of(PASSWORD));
        assertThat(config.get(PASSWORD)).isEqualTo("s3cret");
        assertThat(config.describe()).contains("db.password = ****").doesNotContain("s3cret");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        ConfigSource source = ConfigSource.of(Map.of("gateway.port", "99999", "ledger.payoutThresholdWei", "-1"));
        assertThatThrownBy(() -> Config.load(source, List.of(PORT, PASSWORD, THRESHOLD)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("gateway.port:").contains("between 0 and 65535"))
                        .anySatisfy(p -> assertThat(p).startsWith("db.password:").contains("required"))
                        .anySatisfy(p -> assertThat(p).startsWith("ledger.payoutThresholdWei:")));
    }

    @Test
    void amountsAreParsedExactly() {
        String max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();
        Config config = Config.load(ConfigSource.of(Map.of("ledger.payoutThresholdWei", max)), List.of(THRESHOLD));
        assertThat(config.get(THRESHOLD).toString()).isEqualTo(max);
        assertThatThrownBy(() -> Config.load(ConfigSource.of(Map.of("ledger.payoutThresholdWei", "1.5")), List.of(THRESHOLD)))
                .hasMessageContaining("ledger.payoutThresholdWei");
    }
}
