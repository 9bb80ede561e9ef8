package io.livepeerpool.chain.tx;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.core.Response;

/** Extracts the reason string of a {@code require} / {@code revert("...")} from JSON-RPC errors and return data. */
public final class RevertReason {
    /** Selector of {@code Error(string)}. */
    public static final String ERROR_SELECTOR = "0x08c379a0";

    private static final Pattern ERROR_DATA = Pattern.compile("0x08c379a0[0-9a-fA-F]*");
    private static final Pattern REASON_IN_MESSAGE = Pattern.compile("reverted with reason string '(.*)'", Pattern.DOTALL);

    private RevertReason() {
    }

    /** The reason in ABI-encoded {@code Error(string)} data, if that is what it is. */
    public static Optional<String> fromErrorData(String hex) {
        if (hex == null || !hex.toLowerCase().startsWith(ERROR_SELECTOR)) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings({"unchecked", "rawtypes"})
            java.util.List<Type> out = FunctionReturnDecoder.decode("0x" + hex.substring(ERROR_SELECTOR.length()),
                    (java.util.List) java.util.List.of(TypeReference.create(Utf8String.class)));
            return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0).getValue().toString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The reason of a JSON-RPC error (revert data first, then the node's message); empty if there is none. */
    public static Optional<String> fromRpcError(Response.Error error) {
        if (error == null) {
            return Optional.empty();
        }
        if (error.getData() != null) {
            Matcher data = ERROR_DATA.matcher(error.getData());
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
        }
        return Optional.empty();
    }
}
