package io.livepeerpool.payout.worker;

import io.livepeerpool.schemas.avro.PayoutIntent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.web3j.crypto.TransactionDecoder;

/**
 * One of this wallet's pay transactions without outcomes yet: its latest intent record (Open or Replaced), the call
 * it makes, and since when its current signed transaction has been waiting.
 */
final class InFlight {
    private PayoutIntent intent;
    private final String calldata;
    private final BigInteger value;
    private long sentAtMs;
    private int replacements;

    InFlight(PayoutIntent intent, long sentAtMs) {
        this.intent = intent;
        this.calldata = TransactionDecoder.decode(intent.getRawTx()).getData();
        this.value = intent.getValue().toBigIntegerExact();
        this.sentAtMs = sentAtMs;
    }

    PayoutIntent intent() {
        return intent;
    }

    String calldata() {
        return calldata;
    }

    BigInteger value() {
        return value;
    }

    long sentAtMs() {
        return sentAtMs;
    }

    int replacements() {
        return replacements;
    }

    long nonce() {
        return intent.getNonce();
    }

    List<String> payoutIds() {
        return intent.getPayouts().stream().map(p -> p.getPayoutId()).toList();
    }

    /** Every transaction ever signed at this nonce, newest first: any of them may be the one mined. */
    List<String> txHashes() {
        List<String> all = new ArrayList<>();
        all.add(intent.getTxHash());
        List<String> previous = new ArrayList<>(intent.getPreviousTxHashes());
        Collections.reverse(previous);
        all.addAll(previous);
        return all;
    }

    void replacedBy(PayoutIntent replacement, long nowMs) {
        this.intent = replacement;
        this.sentAtMs = nowMs;
        this.replacements++;
    }

    void resent(long nowMs) {
        this.sentAtMs = nowMs;
    }
}
