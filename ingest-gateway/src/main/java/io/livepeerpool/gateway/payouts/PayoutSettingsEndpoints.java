package io.livepeerpool.gateway.payouts;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.gateway.http.JsonBody;
import io.livepeerpool.gateway.http.RequestBody;
import io.livepeerpool.gateway.http.RequestIds;
import io.livepeerpool.gateway.reads.PageRequest;
import io.livepeerpool.schemas.avro.PayoutSettings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /setPayoutSettings}, signed by the member itself (EIP-712, {@link PayoutSettingsTypedData}), not by an
 * orchestrator's HMAC key; and {@code GET /getPayoutSettings?transcoderAddress=}. Checks, in order, each refusal
 * leaving nothing in Kafka: fields (400 naming the field), the chain id if given (400 {@code chainId}), the
 * signature recovers the transcoder (401 {@code signature}), not expired (400 {@code expiry}), threshold at least the
 * pool's (400 {@code threshold}), nonce above the member's last (409 {@code nonce}); then 202 once Kafka acknowledged.
 */
public final class PayoutSettingsEndpoints {
    private static final Logger log = LoggerFactory.getLogger(PayoutSettingsEndpoints.class);

    /** The pool's chain id (the typed data's domain) and payout threshold ({@code ledger.payoutThresholdWei}). */
    public record Policy(long chainId, BigInteger poolThresholdWei) {
    }

    private final Policy policy;
    private final NonceRegister nonces;
    private final PayoutSettingsPublisher publisher;
    private final PayoutSettingsReads reads;
    private final Clock clock;

    public PayoutSettingsEndpoints(Policy policy, javax.sql.DataSource db, PayoutSettingsPublisher publisher,
                                   Clock clock) {
        this.policy = policy;
        this.nonces = new NonceRegister(db);
        this.publisher = publisher;
        this.reads = new PayoutSettingsReads(db);
        this.clock = clock;
    }

    public void setPayoutSettings(Context ctx) throws SQLException {
        RequestBody.requireJson(ctx);
        SettingsRequestParser.SettingsRequest request = SettingsRequestParser.parse(JsonBody.parse(
                RequestBody.read(ctx)));
        PayoutSettingsMessage message = request.message();
        if (request.chainId() != null && request.chainId() != policy.chainId()) {
            throw ApiError.invalid("chainId", "this pool's settings are signed for chain id " + policy.chainId()
                    + ", got " + request.chainId());
        }
        Optional<String> signer = SignerRecovery.recover(PayoutSettingsTypedData.digest(policy.chainId(), message),
                request.signature());
        if (signer.isEmpty() || !signer.get().equals(message.transcoder())) {
            throw ApiError.unauthenticated(401, "bad_signature", "signature", "the signature is not the transcoder's"
                    + " over these payout settings (EIP-712, domain '" + PayoutSettingsTypedData.DOMAIN_NAME
                    + "' version " + PayoutSettingsTypedData.DOMAIN_VERSION + ", chainId " + policy.chainId() + ")");
        }
        long now = clock.instant().getEpochSecond();
        if (message.expiry() <= now) {
            throw ApiError.invalid("expiry", "expired at " + message.expiry() + " (now " + now + ")");
        }
        if (message.threshold().compareTo(policy.poolThresholdWei()) < 0) {
            throw ApiError.invalid("threshold", "must be at least the pool's payout threshold "
                    + policy.poolThresholdWei() + " wei, got " + message.threshold());
        }
        ReentrantLock lock = nonces.lockOf(message.transcoder());
        lock.lock();
        try {
            OptionalLong last = nonces.last(message.transcoder());
            if (last.isPresent() && message.nonce() <= last.getAsLong()) {
                throw new ApiError(409, "conflict", "nonce " + message.nonce() + " is not above the last accepted "
                        + "nonce " + last.getAsLong() + " of " + message.transcoder(), "nonce", List.of());
            }
            publisher.publish(record(message, request.signatureHex(), RequestIds.of(ctx)));
            nonces.accepted(message.transcoder(), message.nonce());
        } finally {
            lock.unlock();
        }
        log.info("accepted payout settings of {} (nonce {}, payout address {})", message.transcoder(),
                message.nonce(), message.payoutAddress());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("transcoder", message.transcoder());
        body.put("nonce", message.nonce());
        body.put("appliesFrom", "the next settlement");
        ctx.status(202).json(body);
    }

    public void getPayoutSettings(Context ctx) throws SQLException {
        String transcoder = PageRequest.transcoder(ctx).hex();
        Optional<PayoutSettingsReads.Stored> stored = reads.of(transcoder);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transcoderAddress", transcoder);
        body.put("signed", stored.isPresent());
        body.put("payoutAddress", stored.map(PayoutSettingsReads.Stored::payoutAddress).orElse(transcoder));
        BigInteger threshold = stored.map(PayoutSettingsReads.Stored::threshold).orElse(policy.poolThresholdWei());
        body.put("threshold", threshold.toString());
        body.put("effectiveThreshold", threshold.max(policy.poolThresholdWei()).toString());
        body.put("nonce", stored.map(PayoutSettingsReads.Stored::nonce).orElse(null));
        body.put("expiry", stored.map(PayoutSettingsReads.Stored::expiry).orElse(null));
        body.put("chainId", stored.map(PayoutSettingsReads.Stored::chainId).orElse(policy.chainId()));
        body.put("signature", stored.map(PayoutSettingsReads.Stored::signature).orElse(null));
        body.put("acceptedAt", stored.map(s -> s.acceptedAt().toString()).orElse(null));
        ctx.json(body);
    }

    private PayoutSettings record(PayoutSettingsMessage m, String signature, String requestId) {
        return new PayoutSettings(m.transcoder(), m.payoutAddress(), new BigDecimal(m.threshold()), m.nonce(),
                m.expiry(), policy.chainId(), signature, requestId, clock.instant());
    }
}
