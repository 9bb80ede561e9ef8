package io.livepeerpool.chain.tx;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.core.Response;

/**
 * The reason of a revert, from JSON-RPC errors and return data: the string of {@code require} / {@code revert("...")}
 * ({@code Error(string)}), or {@code "Panic(0x11)"} for a Solidity panic ({@code Panic(uint256)}: 0x11 is checked
 * arithmetic under- or overflow, as Livepeer's reserve math raises when a claim exceeds the allocation).
 */
public final class RevertReason {
    /** Selector of {@code Error(string)}. */
    public static final String ERROR_SELECTOR = "0x08c379a0";
    /** Selector of {@code Panic(uint256)}. */
    public static final String PANIC_SELECTOR = "0x4e487b71";
    /** The reason given for an arithmetic under- or overflow. */
    public static final String ARITHMETIC_PANIC = panic(BigInteger.valueOf(0x11));

    private static final Pattern REVERT_DATA = Pattern.compile("0x(?:08c379a0|4e487b71)[0-9a-fA-F]*");
    private static final Pattern REASON_IN_MESSAGE = Pattern.compile("reverted with reason string '(.*)'", Pattern.DOTALL);
    private static final Pattern PANIC_IN_MESSAGE = Pattern.compile("reverted with panic code (0x[0-9a-fA-F]+)");

    private RevertReason() {
    }

    /** The reason in ABI-encoded {@code Error(string)} or {@code Panic(uint256)} data, if that is what it is. */
    public static Optional<String> fromErrorData(String hex) {
        if (hex == null) {
            return Optional.empty();
        }
        String lower = hex.toLowerCase();
        try {
            if (lower.startsWith(ERROR_SELECTOR)) {
                return decodeSingle(lower, Utf8String.class).map(Object::toString);
            }
            if (lower.startsWith(PANIC_SELECTOR)) {
                return decodeSingle(lower, org.web3j.abi.datatypes.generated.Uint256.class)
                        .map(code -> panic((BigInteger) code));
            }
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The reason of a JSON-RPC error (revert data first, then the node's message); empty if there is none. */
    public static Optional<String> fromRpcError(Response.Error error) {
        if (error == null) {
            return Optional.empty();
        }
        if (error.getData() != null) {
            Matcher data = REVERT_DATA.matcher(error.getData());
            if (data.find()) {
                Optional<String> reason = fromErrorData(data.group());
                if (reason.isPresent()) {
                    return reason;
                }
            }
        }
        if (error.getMessage() != null) {
            Matcher message = REASON_IN_MESSAGE.matcher(error.getMessage());
            if (message.find()) {
                return Optional.of(message.group(1));
            }
            Matcher panic = PANIC_IN_MESSAGE.matcher(error.getMessage());
            if (panic.find()) {
                return Optional.of(panic(new BigInteger(panic.group(1).substring(2), 16)));
            }
        }
        return Optional.empty();
    }

    /** {@code Panic(0x11)}: the code in hex, at least two digits, as Solidity's documentation writes it. */
    public static String panic(BigInteger code) {
        String hex = code.toString(16);
        return "Panic(0x" + (hex.length() < 2 ? "0" + hex : hex) + ")";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<Object> decodeSingle(String hex, Class<? extends Type> type) {
        List<Type> out = FunctionReturnDecoder.decode("0x" + hex.substring(ERROR_SELECTOR.length()),
                (List) List.of(TypeReference.create((Class) type)));
        return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0).getValue());
    }
}
