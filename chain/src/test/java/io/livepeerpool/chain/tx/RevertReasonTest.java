package io.livepeerpool.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Response;

/** Decoding of Error(string) and Panic(uint256) revert data and of node messages. */
class RevertReasonTest {
    /** abi.encodeWithSignature("Error(string)", "ticket is used"). */
    private static final String ERROR_DATA = "0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "000000000000000000000000000000000000000000000000000000000000000e"
            + "7469636b65742069732075736564000000000000000000000000000000000000";
    /** abi.encodeWithSignature("Panic(uint256)", 0x11). */
    private static final String PANIC_DATA = "0x4e487b71"
            + "0000000000000000000000000000000000000000000000000000000000000011";

    @Test
    void errorStringAndPanicDataAreDecoded() {
        assertThat(RevertReason.fromErrorData(ERROR_DATA)).contains("ticket is used");
        assertThat(RevertReason.fromErrorData(PANIC_DATA)).contains("Panic(0x11)");
        assertThat(RevertReason.fromErrorData(PANIC_DATA.toUpperCase().replace("0X", "0x"))).contains("Panic(0x11)");
        assertThat(RevertReason.fromErrorData("0x4e487b71" + "00".repeat(31) + "01")).contains("Panic(0x01)");
        assertThat(RevertReason.ARITHMETIC_PANIC).isEqualTo("Panic(0x11)");
        assertThat(RevertReason.panic(BigInteger.valueOf(0x32))).isEqualTo("Panic(0x32)");
    }

    @Test
    void otherOrTruncatedDataGivesNoReason() {
        assertThat(RevertReason.fromErrorData(null)).isEmpty();
        assertThat(RevertReason.fromErrorData("0x")).isEmpty();
        assertThat(RevertReason.fromErrorData("0xdeadbeef" + "00".repeat(32))).isEmpty(); // a custom error
        assertThat(RevertReason.fromErrorData("0x4e487b71")).isEmpty();
        assertThat(RevertReason.fromErrorData(ERROR_DATA.substring(0, 80))).isEmpty();
    }

    private static Response.Error error(int code, String message, String data) {
        Response.Error e = new Response.Error(code, message);
        e.setData(data);
        return e;
    }

    @Test
    void rpcErrorsGiveTheReasonFromTheirDataOrElseTheirMessage() {
        assertThat(RevertReason.fromRpcError(error(3, "execution reverted", PANIC_DATA))).contains("Panic(0x11)");
        assertThat(RevertReason.fromRpcError(error(-32603,
                "{\"data\":\"" + ERROR_DATA + "\"}", "{\"message\":\"x\",\"data\":\"" + ERROR_DATA + "\"}")))
                .contains("ticket is used");
        assertThat(RevertReason.fromRpcError(error(-32603,
                "Error: VM Exception while processing transaction: reverted with panic code 0x11 "
                        + "(Arithmetic operation overflowed outside of an unchecked block)", null)))
                .contains("Panic(0x11)");
        assertThat(RevertReason.fromRpcError(error(-32603,
                "Error: VM Exception while processing transaction: reverted with reason string 'ticket is expired'", null)))
                .contains("ticket is expired");
        assertThat(RevertReason.fromRpcError(error(-32000, "nonce too low", null))).isEmpty();
        assertThat(RevertReason.fromRpcError(null)).isEmpty();
    }
}
