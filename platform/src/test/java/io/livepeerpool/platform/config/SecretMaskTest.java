package io.livepeerpool.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void aSecretUrlKeepsOnlySchemeHostAndPort() {
        assertThat(SecretMask.secret("https://arb-mainnet.g.alchemy.com/v2/AbCdEf0123456789xyzXYZ"))
                .isEqualTo("https://arb-mainnet.g.alchemy.com/****");
        assertThat(SecretMask.secret("https://user:hunter2@rpc.example.com:8545/path?apikey=k1"))
                .isEqualTo("https://****@rpc.example.com:8545/****");
        assertThat(SecretMask.secret("http://127.0.0.1:8545")).isEqualTo("http://127.0.0.1:8545");
        assertThat(SecretMask.secret("http://127.0.0.1:8545/")).isEqualTo("http://127.0.0.1:8545");
    }

    @Test
    void aSecretThatIsNotAUrlIsMaskedWhole() {
        assertThat(SecretMask.secret("s3cret")).isEqualTo("****");
        assertThat(SecretMask.secret("")).isEqualTo("(unset)");
        assertThat(SecretMask.secret(null)).isEqualTo("(unset)");
        assertThat(SecretMask.secret("https://[broken")).isEqualTo("****");
    }

    @Test
    void otherUrlsLoseUserInfoQueryValuesAndKeyLikeSegments() {
        assertThat(SecretMask.plain("jdbc:postgresql://db:5432/pool?user=pool&password=hunter2"))
                .isEqualTo("jdbc:postgresql://db:5432/pool?user=****&password=****");
        assertThat(SecretMask.plain("http://admin:pw@registry:8080/apis/ccompat/v7"))
                .isEqualTo("http://****@registry:8080/apis/ccompat/v7");
        assertThat(SecretMask.plain("https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef"))
                .isEqualTo("https://mainnet.infura.io/v3/****");
        assertThat(SecretMask.plain("https://x.quiknode.pro/a1b2c3d4e5f6a7b8c9d0/#frag"))
                .isEqualTo("https://x.quiknode.pro/****/#****");
        assertThat(SecretMask.plain("kafka:9092")).isEqualTo("kafka:9092");
        assertThat(SecretMask.plain(8443)).isEqualTo("8443");
    }

    @Test
    void scrubReplacesAUrlInsideLibraryText() {
        String url = "https://rpc.example.com/v2/AbCdEf0123456789xyz";
        assertThat(SecretMask.scrub("Failed to connect to " + url + " (timeout)", url))
                .isEqualTo("Failed to connect to https://rpc.example.com/**** (timeout)")
                .doesNotContain("AbCdEf");
    }
}
