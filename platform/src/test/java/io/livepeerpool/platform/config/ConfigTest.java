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
        Config overridden = Config.load(source.withOverrides(Map.of("gateway.port", "3000")), List.of(PORT, PASSWORD, THRESHOLD));
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

    @Test
    void unknownKeysInTheFileAndInOverridesAreRefusedEachNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool.properties");
        Files.writeString(file, "gateway.prot=1000\ndb.password=x\nnothing.like.it=1\n");
        ConfigSource source = ConfigSource.load(file, Map.of(), Map.of("ledger.payoutTresholdWei", "5"));

        assertThatThrownBy(() -> Config.load(source, List.of(PORT, PASSWORD, THRESHOLD)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "ledger.payoutTresholdWei: unknown key (in --set) (did you mean ledger.payoutThresholdWei?)",
                        "gateway.prot: unknown key (in the config file) (did you mean gateway.port?)",
                        "nothing.like.it: unknown key (in the config file)"));
    }

    @Test
    void aDeclaredKeyMayBeGivenAsAFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "s3cret");
        Config config = Config.load(ConfigSource.of(Map.of("db.password.file", secret.toString())), List.of(PASSWORD));
        assertThat(config.get(PASSWORD)).isEqualTo("s3cret");
    }

    @Test
    void unknownPoolEnvironmentVariablesAreWarnedAboutNotRefused() {
        try (LogCapture logs = new LogCapture()) {
            Config config = Config.load(ConfigSource.load(null, Map.of("POOL_GATEWAY_PROT", "1", "POOL_DB_PASSWORD", "x",
                    "HOME", "/root"), Map.of()), List.of(PORT, PASSWORD));

            assertThat(config.get(PORT)).isEqualTo(8443);
            assertThat(logs.messages()).containsExactly("environment variable POOL_GATEWAY_PROT matches no configuration"
                    + " key of this service; ignored (fine if it is meant for another pool service sharing the environment)");
        }
    }

    @Test
    void aSourceCheckedAgainstAllOfAProcesssKeysLoadsEachServicesPart() {
        ConfigSource source = ConfigSource.of(Map.of("gateway.port", "1", "db.password", "x"));
        assertThatThrownBy(() -> source.checkedAgainst(List.of(PORT)))
                .hasMessageContaining("db.password: unknown key (in --set)");

        ConfigSource checked = source.checkedAgainst(List.of(PORT, PASSWORD));
        assertThat(Config.load(checked, List.of(PORT)).get(PORT)).isEqualTo(1);
        assertThatThrownBy(() -> Config.load(checked.withOverrides(Map.of("gateway.portt", "2")), List.of(PORT)))
                .hasMessageContaining("gateway.portt: unknown key");
    }

    @Test
    void theDescriptionMasksSecretsAndTheSecretPartsOfUrls() {
        ConfigKey<String> rpc = ConfigKey.optionalSecret("chain.rpcUrl", "rpc");
        ConfigKey<String> jdbc = ConfigKey.string("db.jdbcUrl", null, "jdbc");
        Config config = Config.load(ConfigSource.of(Map.of("chain.rpcUrl", "https://arb1.example.com/v2/AbCdEf0123456789xyz",
                "db.jdbcUrl", "jdbc:postgresql://db:5432/pool?password=hunter2", "db.password", "hunter2")),
                List.of(rpc, jdbc, PASSWORD));

        assertThat(config.describe()).isEqualTo("""
                chain.rpcUrl = https://arb1.example.com/****
                db.jdbcUrl = jdbc:postgresql://db:5432/pool?password=****
                db.password = ****""");
    }
}
