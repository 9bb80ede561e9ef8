package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.replay.LedgerState;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random history ({@link Scenarios}) with the members' side woven in: after each NewRound, outcomes for some of the
 * open payout requests (Paid, sometimes short of the amount; Refused; Reverted; a gas share, charged when the member
 * pays the gas), duplicate outcomes, outcomes of payouts never requested; and payout settings (a payout address, a
 * threshold at or above the pool's or below it, nonces that increase or replay an old one). Requests stay open at
 * random (no outcome yet: nothing may come back). The open requests are learnt by running the replay's state.
 */
final class MemberScenarios {
    private MemberScenarios() {
    }

    static List<LedgerEvent> weave(long seed, LedgerPolicy policy, List<LedgerEvent> events) {
        Random random = new Random(seed ^ 0x5eed);
        boolean memberPaysGas = random.nextBoolean();
        LedgerState state = new LedgerState(policy);
        List<LedgerEvent> out = new ArrayList<>();
        List<String> transcoders = new ArrayList<>();
        List<PayoutOutcome> earlier = new ArrayList<>();
        Map<String, Long> nonces = new HashMap<>();
        for (LedgerEvent event : events) {
            if (event instanceof TranscoderJob job && !transcoders.contains(job.transcoder())) {
                transcoders.add(job.transcoder());
            }
            add(state, out, event);
            if (!(event instanceof NewRound)) {
                continue;
            }
            List<PayoutRequest> open = new ArrayList<>(state.openPayouts().values());
            open.sort(Comparator.comparing(PayoutRequest::payoutId));
            for (PayoutRequest request : open) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                PayoutOutcome outcome = outcome(random, request, memberPaysGas);
                add(state, out, outcome);
                earlier.add(outcome);
            }
            if (!earlier.isEmpty() && random.nextInt(3) == 0) {
                add(state, out, earlier.get(random.nextInt(earlier.size())));
            }
            if (random.nextInt(5) == 0) {
                add(state, out, new PayoutOutcome(PayoutRequest.idFor(Scenarios.SENDER, 1), Scenarios.SENDER,
                        PayoutOutcome.Status.Refused, BigInteger.TEN, BigInteger.ZERO, BigInteger.ONE, memberPaysGas));
            }
            if (!transcoders.isEmpty() && random.nextInt(2) == 0) {
                String transcoder = transcoders.get(random.nextInt(transcoders.size()));
                long last = nonces.getOrDefault(transcoder, 0L);
                long nonce = random.nextInt(4) == 0 ? Math.max(0, last - random.nextInt(2)) : last + 1 + random.nextInt(3);
                nonces.put(transcoder, Math.max(last, nonce));
                BigInteger pool = policy.payoutThresholdWei();
                BigInteger threshold = random.nextInt(5) == 0 ? pool.shiftRight(1)
                        : pool.add(pool.multiply(BigInteger.valueOf(random.nextInt(3))));
                add(state, out, new PayoutSettingsChange(transcoder, Scenarios.address(random), threshold, nonce));
            }
        }
        return out;
    }

    private static PayoutOutcome outcome(Random random, PayoutRequest request, boolean memberPaysGas) {
        BigInteger gas = new BigInteger(random.nextBoolean() ? 40 : 58, random);
        return switch (random.nextInt(4)) {
            case 0 -> new PayoutOutcome(request.payoutId(), request.transcoder(), PayoutOutcome.Status.Refused,
                    request.amount(), BigInteger.ZERO, gas, memberPaysGas);
            case 1 -> new PayoutOutcome(request.payoutId(), request.transcoder(), PayoutOutcome.Status.Reverted,
                    request.amount(), BigInteger.ZERO, gas, memberPaysGas);
            case 2 -> new PayoutOutcome(request.payoutId(), request.transcoder(), PayoutOutcome.Status.Paid,
                    request.amount(), request.amount().subtract(request.amount().shiftRight(3)), gas, memberPaysGas);
            default -> new PayoutOutcome(request.payoutId(), request.transcoder(), PayoutOutcome.Status.Paid,
                    request.amount(), request.amount(), gas, memberPaysGas);
        };
    }

    private static void add(LedgerState state, List<LedgerEvent> out, LedgerEvent event) {
        state.apply(event);
        out.add(event);
    }
}
