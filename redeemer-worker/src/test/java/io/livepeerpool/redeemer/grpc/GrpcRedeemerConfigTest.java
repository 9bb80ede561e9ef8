package io.livepeerpool.redeemer.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.address.Address;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcRedeemerConfigTest {
    private static final Map<String, String> MINIMAL = Map.of("kafka.bootstrapServers", "127.0.0.1:9092",
            "schemaRegistry.url", "http://127.0.0.1:8081", "redeemer.grpc.recipients",
            " 0xa5E37e0BA14655e92DEff29F32adbc7D09b8a2cF , 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

    @Test
    void defaultsAreGoLivepeersPortAndASelfSignedCertificate() {
        Config config = GrpcRedeemerConfig.load(ConfigSource.of(MINIMAL));

        assertThat(config.get(GrpcRedeemerConfig.PORT)).isEqualTo(8935);
        assertThat(config.get(GrpcRedeemerConfig.TLS_CERT_FILE)).isEmpty();
        assertThat(config.get(GrpcRedeemerConfig.RECIPIENTS)).containsExactlyInAnyOrder(
                Address.parse("0xa5e37e0ba14655e92deff29f32adbc7d09b8a2cf"), Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"));
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        Map<String, String> bad = new HashMap<>(MINIMAL);
        bad.put("redeemer.grpc.recipients", "0x12");
        bad.put("redeemer.grpc.port", "70000");
        bad.remove("kafka.bootstrapServers");

        assertThatThrownBy(() -> GrpcRedeemerConfig.load(ConfigSource.of(bad))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("redeemer.grpc.recipients").hasMessageContaining("redeemer.grpc.port")
                .hasMessageContaining("kafka.bootstrapServers");
    }

    @Test
    void tlsFilesComeInPairs() {
        Map<String, String> half = new HashMap<>(MINIMAL);
        half.put("redeemer.grpc.tls.certFile", "/etc/redeemer/cert.pem");

        assertThatThrownBy(() -> GrpcRedeemerConfig.load(ConfigSource.of(half))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("redeemer.grpc.tls.keyFile");
    }
}
