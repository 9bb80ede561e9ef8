package io.livepeerpool.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {
    /** Computed independently with openssl, as in the README (see the vector's comment there). */
    static final String SECRET = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String BODY = "{\"jobDetails\":{\"jobId\":\"job-1\"}}";
    static final String BODY_SHA256 = "555c783b7d6b43db8323c0fcea0fc9830c3d17184e6bf7db38ed33382d6e9c5b";
    static final String SIGNATURE = "1a5fd522a98f92437ff8949a84d583fc7e25410832c8ba5df8786fa11c4b1f8b";

    @Test
    void canonicalStringIsMethodPathTimestampNonceAndBodyHashOnSeparateLines() {
        String canonical = CanonicalRequest.of("POST", "/recordTranscoderJob", "1700000000", "nonce-12345678",
                BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(canonical).isEqualTo("POST\n/recordTranscoderJob\n1700000000\nnonce-12345678\n" + BODY_SHA256);
    }

    @Test
    void signatureMatchesTheOpensslVector() {
        String canonical = CanonicalRequest.of("POST", "/recordTranscoderJob", "1700000000", "nonce-12345678",
                BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(CanonicalRequest.signature(HexFormat.of().parseHex(SECRET), canonical)).isEqualTo(SIGNATURE);
    }

    @Test
    void emptyBodyHashesToTheSha256OfNothing() {
        assertThat(CanonicalRequest.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void signerProducesTheSameVector() {
        RequestSigner signer = RequestSigner.of("k1", SECRET);

        var headers = signer.headers("POST", "/recordTranscoderJob", BODY.getBytes(StandardCharsets.UTF_8),
                "1700000000", "nonce-12345678");

        assertThat(headers).containsEntry(AuthHeaders.KEY_ID, "k1")
                .containsEntry(AuthHeaders.TIMESTAMP, "1700000000")
                .containsEntry(AuthHeaders.NONCE, "nonce-12345678")
                .containsEntry(AuthHeaders.SIGNATURE, SIGNATURE);
    }

    @Test
    void freshNoncesHaveTheAcceptedShapeAndDiffer() {
        String a = RequestSigner.newNonce();
        String b = RequestSigner.newNonce();

        assertThat(AuthHeaders.NONCE_SHAPE.matches(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }
}
