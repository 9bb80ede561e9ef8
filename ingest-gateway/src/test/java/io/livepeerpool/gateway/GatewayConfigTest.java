package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    static Map<String, String> required() {
        Map<String, String> values = new HashMap<>();
        values.put("gateway.keysFile", "/etc/pool/keys.json");
        values.put("kafka.bootstrapServers", "localhost:9092");
        values.put("schemaRegistry.url", "http://localhost:8081");
        values.put("db.jdbcUrl", "jdbc:postgresql://localhost/pool");
        values.put("db.user", "pool");
        values.put("db.password", "s3cret");
        return values;
    }

    @Test
    void defaultsFillEverythingButTheConnections() {
        Config config = GatewayConfig.load(ConfigSource.of(required()));

        assertThat(config.get(GatewayConfig.HOST)).isEqualTo("0.0.0.0");
        assertThat(config.get(GatewayConfig.PORT)).isEqualTo(8443);
        assertThat(config.get(GatewayConfig.DNS_NAME)).isNotBlank();
        assertThat(config.get(GatewayConfig.KEYS_FILE)).isEqualTo(Path.of("/etc/pool/keys.json"));
        assertThat(config.get(GatewayConfig.AUTH_CLOCK_SKEW_SECONDS)).isEqualTo(300);
        assertThat(config.get(GatewayConfig.KAFKA_LINGER_MS)).isZero();
        assertThat(config.get(GatewayConfig.KAFKA_MAX_IN_FLIGHT)).isEqualTo(1);
        assertThat(config.describe()).contains("db.password = ****").doesNotContain("s3cret");
    }

    @Test
    void everyMissingKeyIsReportedAtOnce() {
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of())))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(6));
    }

    @Test
    void theEnvironmentNamesThePort() {
        Config config = GatewayConfig.load(ConfigSource.load(null, Map.of("POOL_GATEWAY_PORT", "9443"), required()));

        assertThat(config.get(GatewayConfig.PORT)).isEqualTo(9443);
    }

    @Test
    void inFlightRequestsStayWithinWhatIdempotenceAllows() {
        Map<String, String> values = required();
        values.put("gateway.kafka.maxInFlight", "6");

        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(values))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.kafka.maxInFlight");
    }

    @Test
    void tlsFilesComeInPairs() {
        Map<String, String> values = required();
        values.put("gateway.tls.certFile", "/etc/pool/cert.pem");

        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(values))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.tls.keyFile");
    }

    @Test
    void thePixelRateDefaultsTo4K60AndABadOneIsNamed() {
        assertThat(GatewayConfig.load(ConfigSource.of(required())).get(GatewayConfig.MAX_PIXELS_PER_SECOND_PER_PROFILE))
                .isEqualTo(3840L * 2160 * 60);
        for (String bad : new String[] {"0", "-1", "lots", "9007199254740992"}) {
            Map<String, String> values = required();
            values.put("gateway.maxPixelsPerSecondPerProfile", bad);

            assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(values))).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("gateway.maxPixelsPerSecondPerProfile");
        }
    }
}
