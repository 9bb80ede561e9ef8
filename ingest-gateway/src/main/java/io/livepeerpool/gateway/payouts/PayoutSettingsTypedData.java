package io.livepeerpool.gateway.payouts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The EIP-712 typed data a member signs to set its payout settings, as {@code eth_signTypedData_v4} takes it:
 * domain {@code {name: "Livepeer Pool", version: "1", chainId}}, primary type {@code PayoutSettings(address
 * transcoder, address payoutAddress, uint256 threshold, uint256 nonce, uint256 expiry)}. The gateway builds it from the
 * request's fields and its own chain id, so a signature only verifies for this pool's chain.
 */
public final class PayoutSettingsTypedData {
    public static final String DOMAIN_NAME = "Livepeer Pool";
    public static final String DOMAIN_VERSION = "1";
    public static final String PRIMARY_TYPE = "PayoutSettings";

    private PayoutSettingsTypedData() {
    }

    /** The typed data, as the JSON a wallet signs (uint256 values as decimal strings). */
    public static ObjectNode of(long chainId, PayoutSettingsMessage message) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode types = root.putObject("types");
        ArrayNode domainType = types.putArray("EIP712Domain");
        field(domainType, "name", "string");
        field(domainType, "version", "string");
        field(domainType, "chainId", "uint256");
        ArrayNode settings = types.putArray(PRIMARY_TYPE);
        field(settings, "transcoder", "address");
        field(settings, "payoutAddress", "address");
        field(settings, "threshold", "uint256");
        field(settings, "nonce", "uint256");
        field(settings, "expiry", "uint256");
        root.put("primaryType", PRIMARY_TYPE);
        root.putObject("domain").put("name", DOMAIN_NAME).put("version", DOMAIN_VERSION).put("chainId", chainId);
        root.putObject("message")
                .put("transcoder", message.transcoder())
                .put("payoutAddress", message.payoutAddress())
                .put("threshold", message.threshold().toString())
                .put("nonce", Long.toString(message.nonce()))
                .put("expiry", Long.toString(message.expiry()));
        return root;
    }

    /** The 32-byte EIP-712 digest: keccak256(0x1901 || domainSeparator || hashStruct(message)). */
    public static byte[] digest(long chainId, PayoutSettingsMessage message) {
        try {
            return new StructuredDataEncoder(of(chainId, message).toString()).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: the typed data is built here", e);
        }
    }

    private static void field(ArrayNode type, String name, String solidityType) {
        type.addObject().put("name", name).put("type", solidityType);
    }
}
