package io.livepeerpool.gateway.payouts;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The body of {@code POST /setPayoutSettings}:
 * {@code {"transcoder","payoutAddress","threshold":"wei","nonce":N,"expiry":unixSeconds,"chainId":N,"signature":"0x.."}}
 * ({@code chainId} optional: when given it must be the pool's). Each bad field is a 400 naming it.
 */
final class SettingsRequestParser {
    private SettingsRequestParser() {
    }

    /** A parsed request: the signed message, the chain id the client named (or null) and the signature bytes. */
    record SettingsRequest(PayoutSettingsMessage message, Long chainId, byte[] signature, String signatureHex) {
    }

    static SettingsRequest parse(JsonNode body) {
        String transcoder = address(body, "transcoder");
        String payoutAddress = address(body, "payoutAddress");
        BigInteger threshold = wei(body, "threshold");
        long nonce = nonNegativeLong(body, "nonce");
        long expiry = nonNegativeLong(body, "expiry");
        Long chainId = body.hasNonNull("chainId") ? nonNegativeLong(body, "chainId") : null;
        String signatureHex = text(body, "signature");
        if (!signatureHex.matches("0x[0-9a-fA-F]{130}")) {
            throw ApiError.invalid("signature", "must be 0x followed by 130 hex digits (r, s, v)");
        }
        byte[] signature = HexFormat.of().parseHex(signatureHex.substring(2));
        return new SettingsRequest(new PayoutSettingsMessage(transcoder, payoutAddress, threshold, nonce, expiry),
                chainId, signature, signatureHex.toLowerCase(java.util.Locale.ROOT));
    }

    private static String address(JsonNode body, String field) {
        try {
            return Address.parse(text(body, field)).hex();
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(field, e.getMessage());
        }
    }

    private static BigInteger wei(JsonNode body, String field) {
        JsonNode value = required(body, field);
        String text = value.isTextual() ? value.textValue() : value.isIntegralNumber() ? value.bigIntegerValue()
                .toString() : null;
        if (text == null) {
            throw ApiError.invalid(field, "must be a decimal string of wei");
        }
        try {
            return Uint256.parseDecimal(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(field, e.getMessage());
        }
    }

    /** An integer (a JSON number or a decimal string, as wallets render uint256) in 0..2^63-1. */
    private static long nonNegativeLong(JsonNode body, String field) {
        JsonNode value = required(body, field);
        String text = value.isTextual() ? value.textValue() : value.isIntegralNumber() ? value.bigIntegerValue()
                .toString() : null;
        if (text == null || !text.matches("[0-9]{1,19}") || new BigInteger(text).bitLength() > 63) {
            throw ApiError.invalid(field, "must be an integer between 0 and " + Long.MAX_VALUE);
        }
        return Long.parseLong(text);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = required(body, field);
        if (!value.isTextual()) {
            throw ApiError.invalid(field, "must be a string");
        }
        return value.textValue();
    }

    private static JsonNode required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiError.invalid(field, "is required");
        }
        return value;
    }
}
