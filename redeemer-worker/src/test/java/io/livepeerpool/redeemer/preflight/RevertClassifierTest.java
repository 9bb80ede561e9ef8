package io.livepeerpool.redeemer.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.tx.RevertReason;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/** Every revert string of LIVEPEER.md, as Error(string) data decoded by RevertReason, lands in its class. */
class RevertClassifierTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "ticket recipient is null address", "ticket sender is null address",
        "recipientRand does not match recipientRandHash", "ticket is used", "invalid signature over ticket hash",
        "ticket did not win", "INVALID_SIGNATURE_LENGTH", "sender is unlocked", "sender deposit and reserve are zero",
        "ticket creationRound does not have a block hash", "ticket creationRoundBlockHash invalid for creationRound",
        "invalid length for ticket auxData: must be 64 bytes", "ECDSA: invalid signature",
        "ECDSA: invalid signature length", "ECDSA: invalid signature 's' value", "ECDSA: invalid signature 'v' value"})
    void finalReasons(String reason) {
        assertThat(RevertClassifier.classify(decoded(reason))).isEqualTo(new Verdict.Final(reason));
    }

    @Test
    void expiredIsExpired() {
        assertThat(RevertClassifier.classify(decoded("ticket is expired"))).isEqualTo(new Verdict.Expired("ticket is expired"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sender deposit and reserve insufficient to cover ticket face value", // the sender may top up
        "current round is not initialized", "system is paused", "something new in a later contract"})
    void retriedReasons(String reason) {
        assertThat(RevertClassifier.classify(decoded(reason))).isEqualTo(new Verdict.Retry(reason));
    }

    @Test
    void panicFromTheReserveMathIsRetried() {
        String data = RevertReason.PANIC_SELECTOR + FunctionEncoder.encodeConstructor(
                java.util.List.of(new Uint256(BigInteger.valueOf(0x11))));
        String reason = RevertReason.fromErrorData(data).orElseThrow();
        assertThat(reason).isEqualTo("Panic(0x11)");
        assertThat(RevertClassifier.classify(reason)).isEqualTo(new Verdict.Retry("Panic(0x11)"));
    }

    /** The reason as the node returns it (ABI Error(string)) and RevertReason decodes it. */
    private static String decoded(String reason) {
        String data = RevertReason.ERROR_SELECTOR + FunctionEncoder.encodeConstructor(
                java.util.List.of(new Utf8String(reason)));
        return RevertReason.fromErrorData(data).orElseThrow();
    }
}
