package io.livepeerpool.ledger.settlement;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Unpaid balance per transcoder, immutable; transcoders with balance 0 have no entry. Invariant (over the life of
 * the ledger): sum of balances = sum of allocations - sum of payout requests.
 *
 * <p>The topology keeps balances keyed by transcoder and calls {@link #credit(String, BigInteger, BigInteger, long,
 * BigInteger)} per allocation; the replay credits a whole settlement at once with {@link #credit(long, List,
 * BigInteger)}, which applies the same step to each allocation.
 */
public record Balances(SortedMap<String, BigInteger> byTranscoder) {
    private static final Balances EMPTY = new Balances(new TreeMap<>());

    public Balances {
        TreeMap<String, BigInteger> copy = new TreeMap<>();
        byTranscoder.forEach((transcoder, balance) -> {
            Address.requireLowercase(transcoder, "transcoder");
            if (Objects.requireNonNull(balance, "balance").signum() <= 0) {
                throw new IllegalArgumentException("stored balances are > 0, got " + balance + " for " + transcoder);
            }
            copy.put(transcoder, balance);
        });
        byTranscoder = Collections.unmodifiableSortedMap(copy);
    }

    public static Balances empty() {
        return EMPTY;
    }

    /** One transcoder's balance after a credit, and the payout request the credit triggered, if any. */
    public record Step(BigInteger balance, Optional<PayoutRequest> payout) {
    }

    /** The balances after a settlement, and the payout requests it triggered, in address order. */
    public record Credited(Balances balances, List<PayoutRequest> payouts) {
        public Credited {
            payouts = List.copyOf(payouts);
        }
    }

    /**
     * Credits {@code amount} to a balance; when the result is > 0 and >= {@code thresholdWei}, a payout request takes
     * all of it and the balance becomes 0.
     */
    public static Step credit(String transcoder, BigInteger balance, BigInteger amount, long round,
                              BigInteger thresholdWei) {
        if (balance.signum() < 0 || amount.signum() < 0) {
            throw new IllegalArgumentException("balance and amount must be >= 0: " + balance + ", " + amount);
        }
        BigInteger credited = balance.add(amount);
        if (credited.signum() > 0 && credited.compareTo(thresholdWei) >= 0) {
            return new Step(BigInteger.ZERO, Optional.of(new PayoutRequest(round, transcoder, credited)));
        }
        return new Step(credited, Optional.empty());
    }

    /** Credits every allocation of a settlement; the payout requests come out in address order. */
    public Credited credit(long round, List<Allocation> allocations, BigInteger thresholdWei) {
        TreeMap<String, BigInteger> next = new TreeMap<>(byTranscoder);
        List<PayoutRequest> payouts = new ArrayList<>();
        for (Allocation allocation : allocations) {
            Step step = credit(allocation.transcoder(), balanceOf(allocation.transcoder()), allocation.amount(), round,
                    thresholdWei);
            step.payout().ifPresent(payouts::add);
            if (step.balance().signum() == 0) {
                next.remove(allocation.transcoder());
            } else {
                next.put(allocation.transcoder(), step.balance());
            }
        }
        payouts.sort(Comparator.comparing(PayoutRequest::transcoder));
        return new Credited(new Balances(next), payouts);
    }

    public BigInteger balanceOf(String transcoder) {
        return byTranscoder.getOrDefault(transcoder, BigInteger.ZERO);
    }

    public BigInteger total() {
        return byTranscoder.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }
}
