package io.livepeerpool.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.protocol.address.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestratorKeysTest {
    static final String SECRET = "aa".repeat(32);
    static final String A = "0x1111111111111111111111111111111111111111";
    static final String B = "0x2222222222222222222222222222222222222222";

    static String key(String id, String orchestrator, String secret) {
        return "{\"keyId\":\"" + id + "\",\"orchestrator\":\"" + orchestrator + "\",\"secret\":\"" + secret + "\"}";
    }

    @Test
    void severalKeysMayNameOneOrchestratorForRotation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "{\"keys\":[" + key("a-2024", A, SECRET) + "," + key("a-2025", A, "bb".repeat(40))
                + "," + key("b-1", B, SECRET) + "]}");

        OrchestratorKeys keys = OrchestratorKeys.load(file);

        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.orchestrators()).containsExactly(Address.parse(A), Address.parse(B));
        assertThat(keys.find("a-2025").orElseThrow().orchestrator()).isEqualTo(Address.parse(A));
        assertThat(keys.find("nope")).isEmpty();
        assertThat(keys.find(null)).isEmpty();
    }

    @Test
    void everyProblemIsReportedNamingKeyAndFieldButNeverTheSecret() {
        String shortSecret = "cc".repeat(31);
        String json = "{\"keys\":[" + key("ok", A, SECRET) + "," + key("short", A, shortSecret) + ","
                + key("bad-addr", "0x123", SECRET) + "," + key("ok", B, SECRET) + ","
                + "{\"keyId\":\"x y\",\"orchestrator\":\"" + A + "\",\"secret\":\"" + SECRET + "\",\"extra\":1}]}";

        assertThatThrownBy(() -> OrchestratorKeys.parse(json, "keys file k.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("keyId 'short'").contains("secret must be hex of at least 32 bytes"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("keyId 'bad-addr'").contains("orchestrator"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("keyId 'ok'").contains("used twice"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("keys[4]").contains("keyId must be"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("unknown field 'extra'"));
                    assertThat(e.getMessage()).doesNotContain(shortSecret).doesNotContain(SECRET).startsWith("invalid configuration");
                });
    }

    @Test
    void aMixedCaseOrchestratorMustPassEip55() {
        String badChecksum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"; // last letter's case flipped

        assertThatThrownBy(() -> OrchestratorKeys.parse("{\"keys\":[" + key("k", badChecksum, SECRET) + "]}", "f"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("EIP-55");
        assertThat(OrchestratorKeys.parse("{\"keys\":[" + key("k", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", SECRET) + "]}", "f")
                .orchestrators()).containsExactly(Address.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    }

    @Test
    void malformedJsonIsReportedByPositionWithoutQuotingTheFile() {
        String json = "{\"keys\":[{\"keyId\":\"k\",\"secret\":\"" + SECRET + "\" oops}]}";

        assertThatThrownBy(() -> OrchestratorKeys.parse(json, "keys file f"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON (line 1")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anEmptyOrMissingKeyListIsRefused() {
        assertThatThrownBy(() -> OrchestratorKeys.parse("{\"keys\":[]}", "f")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("non-empty array");
        assertThatThrownBy(() -> OrchestratorKeys.parse("[]", "f")).isInstanceOf(ConfigException.class);
    }

    @Test
    void anUnreadableFileIsAConfigurationError(@TempDir Path dir) {
        assertThatThrownBy(() -> OrchestratorKeys.load(dir.resolve("missing.json")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
    }
}
