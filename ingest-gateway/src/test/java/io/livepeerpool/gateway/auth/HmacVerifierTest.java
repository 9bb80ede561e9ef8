package io.livepeerpool.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.protocol.address.Address;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HmacVerifierTest {
    static final long NOW = 1_700_000_000L;
    static final String SECRET = CanonicalRequestTest.SECRET;
    static final Address ORCHESTRATOR = Address.parse("0x1111111111111111111111111111111111111111");
    static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    final OrchestratorKeys keys = OrchestratorKeys.of(List.of(new OrchestratorKey("k1", ORCHESTRATOR, HexFormat.of().parseHex(SECRET))));
    final HmacVerifier verifier = new HmacVerifier(keys, new NonceWindow(1 << 20, 300), clock, 300);
    final RequestSigner signer = new RequestSigner("k1", HexFormat.of().parseHex(SECRET), clock);

    AuthResult verify(Map<String, String> headers, byte[] body) {
        return verifier.verify("POST", "/recordTranscoderJob", headers::get, body);
    }

    Map<String, String> signed(String timestamp, String nonce) {
        return new HashMap<>(signer.headers("POST", "/recordTranscoderJob", BODY, timestamp, nonce));
    }

    static AuthFailure reason(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Rejected.class);
        return ((AuthResult.Rejected) result).reason();
    }

    @Test
    void aCorrectSignatureIsAcceptedAndNamesTheOrchestrator() {
        AuthResult result = verify(signed(Long.toString(NOW), "nonce-00000001"), BODY);

        assertThat(result).isInstanceOf(AuthResult.Accepted.class);
        assertThat(((AuthResult.Accepted) result).key().orchestrator()).isEqualTo(ORCHESTRATOR);
    }

    @Test
    void theFixedVectorVerifies() {
        HmacVerifier atVectorTime = new HmacVerifier(keys, new NonceWindow(1 << 20, 300),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC), 300);
        Map<String, String> headers = Map.of(AuthHeaders.KEY_ID, "k1", AuthHeaders.TIMESTAMP, "1700000000",
                AuthHeaders.NONCE, "nonce-12345678", AuthHeaders.SIGNATURE, CanonicalRequestTest.SIGNATURE);

        assertThat(atVectorTime.verify("POST", "/recordTranscoderJob", headers::get,
                CanonicalRequestTest.BODY.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void eachMissingHeaderIsRefusedAndNamed() {
        for (String header : AuthHeaders.ALL) {
            Map<String, String> headers = signed(Long.toString(NOW), RequestSigner.newNonce());
            headers.remove(header);

            AuthResult result = verify(headers, BODY);

            assertThat(reason(result)).isEqualTo(AuthFailure.MISSING_HEADER);
            assertThat(((AuthResult.Rejected) result).header()).isEqualTo(header);
        }
    }

    @Test
    void anUnknownKeyIsRefused() {
        Map<String, String> headers = signed(Long.toString(NOW), "nonce-00000002");
        headers.put(AuthHeaders.KEY_ID, "k2");

        assertThat(reason(verify(headers, BODY))).isEqualTo(AuthFailure.UNKNOWN_KEY);
    }

    @Test
    void aChangedBodyOrPathOrMethodBreaksTheSignature() {
        Map<String, String> headers = signed(Long.toString(NOW), "nonce-00000003");

        assertThat(reason(verify(headers, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(AuthFailure.BAD_SIGNATURE);
        assertThat(reason(verifier.verify("POST", "/recordTranscoderJobs", headers::get, BODY))).isEqualTo(AuthFailure.BAD_SIGNATURE);
        assertThat(reason(verifier.verify("PUT", "/recordTranscoderJob", headers::get, BODY))).isEqualTo(AuthFailure.BAD_SIGNATURE);
    }

    @Test
    void aSignatureThatIsNotHexIsAMalformedHeaderNotAFault() {
        Map<String, String> headers = signed(Long.toString(NOW), "nonce-00000004");
        headers.put(AuthHeaders.SIGNATURE, "zz");

        assertThat(reason(verify(headers, BODY))).isEqualTo(AuthFailure.MALFORMED_HEADER);
    }

    @Test
    void uppercaseHexOfTheRightSignatureIsRefusedAsTheReadmeSaysLowercase() {
        Map<String, String> headers = signed(Long.toString(NOW), "nonce-00000005");
        String lowercase = headers.get(AuthHeaders.SIGNATURE);
        headers.put(AuthHeaders.SIGNATURE, lowercase.toUpperCase());

        AuthResult result = verify(headers, BODY);

        assertThat(reason(result)).isEqualTo(AuthFailure.MALFORMED_HEADER);
        assertThat(((AuthResult.Rejected) result).header()).isEqualTo(AuthHeaders.SIGNATURE);
        assertThat(((AuthResult.Rejected) result).message()).contains("lowercase");
        headers.put(AuthHeaders.SIGNATURE, lowercase);
        assertThat(verify(headers, BODY)).isInstanceOf(AuthResult.Accepted.class); // the nonce was not used up
    }

    @Test
    void timestampsMoreThan300SecondsAwayEitherWayAreStale() {
        assertThat(reason(verify(signed(Long.toString(NOW - 301), "nonce-00000006"), BODY))).isEqualTo(AuthFailure.STALE_TIMESTAMP);
        assertThat(reason(verify(signed(Long.toString(NOW + 301), "nonce-00000007"), BODY))).isEqualTo(AuthFailure.STALE_TIMESTAMP);
        assertThat(verify(signed(Long.toString(NOW - 300), "nonce-00000008"), BODY)).isInstanceOf(AuthResult.Accepted.class);
        assertThat(verify(signed(Long.toString(NOW + 300), "nonce-00000009"), BODY)).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void malformedTimestampOrNonceIsRefused() {
        assertThat(reason(verify(signed("-5", "nonce-00000010"), BODY))).isEqualTo(AuthFailure.MALFORMED_HEADER);
        assertThat(reason(verify(signed("1.7e9", "nonce-00000011"), BODY))).isEqualTo(AuthFailure.MALFORMED_HEADER);
        assertThat(reason(verify(signed(Long.toString(NOW), "short"), BODY))).isEqualTo(AuthFailure.MALFORMED_HEADER);
        assertThat(reason(verify(signed(Long.toString(NOW), "has space 123"), BODY))).isEqualTo(AuthFailure.MALFORMED_HEADER);
        assertThat(reason(verify(signed(Long.toString(NOW), "x".repeat(65)), BODY))).isEqualTo(AuthFailure.MALFORMED_HEADER);
    }

    @Test
    void aReplayedNonceIsRefusedEvenWithAFreshSignature() {
        assertThat(verify(signed(Long.toString(NOW), "nonce-00000012"), BODY)).isInstanceOf(AuthResult.Accepted.class);

        assertThat(reason(verify(signed(Long.toString(NOW), "nonce-00000012"), BODY))).isEqualTo(AuthFailure.REPLAYED_NONCE);
        assertThat(reason(verify(signed(Long.toString(NOW - 1), "nonce-00000012"), BODY))).isEqualTo(AuthFailure.REPLAYED_NONCE);
    }

    @Test
    void aBadSignatureDoesNotUseUpTheNonce() {
        Map<String, String> forged = signed(Long.toString(NOW), "nonce-00000013");
        forged.put(AuthHeaders.SIGNATURE, "0".repeat(64));
        assertThat(reason(verify(forged, BODY))).isEqualTo(AuthFailure.BAD_SIGNATURE);

        assertThat(verify(signed(Long.toString(NOW), "nonce-00000013"), BODY)).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void aFullNonceStoreAnswersUnavailableNotUnauthenticated() {
        HmacVerifier tiny = new HmacVerifier(keys, new NonceWindow(NonceWindow.INITIAL_SLOTS * NonceWindow.BYTES_PER_SLOT, 300),
                clock, 300);
        for (int i = 0; i < NonceWindow.INITIAL_SLOTS / 2; i++) {
            tiny.verify("POST", "/recordTranscoderJob", signed(Long.toString(NOW), "nonce-fill-" + i)::get, BODY);
        }

        AuthResult result = tiny.verify("POST", "/recordTranscoderJob", signed(Long.toString(NOW), "nonce-00000015")::get, BODY);

        assertThat(reason(result)).isEqualTo(AuthFailure.NONCE_STORE_FULL);
        assertThat(AuthFailure.NONCE_STORE_FULL.status()).isEqualTo(503);
    }

    @Test
    void theSecretNeverAppearsInTheKeysTextForm() {
        assertThat(keys.find("k1").orElseThrow().toString()).doesNotContain(SECRET).contains("k1");
    }
}
