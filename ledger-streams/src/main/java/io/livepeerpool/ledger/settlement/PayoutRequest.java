package io.livepeerpool.ledger.settlement;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request to pay a transcoder its whole balance.
 *
 * @param payoutId {@link #idFor}: the idempotency key the payout worker pays at most once
 * @param payee    where to send it: the member's payoutAddress from its payout settings; null for the member itself
 */
public record PayoutRequest(long round, String transcoder, BigInteger amount, String payoutId, String payee) {

    public PayoutRequest {
        Address.requireLowercase(transcoder, "transcoder");
        if (payee != null) {
            Address.requireLowercase(payee, "payee");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a payout must be > 0 wei, got " + amount);
        }
        if (!payoutId.equals(idFor(transcoder, round))) {
            throw new IllegalArgumentException("payoutId must be idFor(transcoder, round)");
        }
    }

    public PayoutRequest(long round, String transcoder, BigInteger amount, String payoutId) {
        this(round, transcoder, amount, payoutId, null);
    }

    public PayoutRequest(long round, String transcoder, BigInteger amount) {
        this(round, transcoder, amount, idFor(transcoder, round), null);
    }

    /**
     * Lowercase hex (64 digits, no prefix) of {@code sha256("payout|" + transcoder + "|" + round)}, UTF-8. A
     * transcoder gets at most one payout per settled round and each round settles once, so the id is unique, and a
     * replay derives the same id, so a re-emitted request is recognised instead of paid twice.
     */
    public static String idFor(String transcoder, long round) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("payout|" + transcoder + "|" + round).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
