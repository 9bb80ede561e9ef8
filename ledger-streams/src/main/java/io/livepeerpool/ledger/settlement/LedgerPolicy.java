package io.livepeerpool.ledger.settlement;

import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.rounds.RoundWindow;
import io.livepeerpool.schemas.rounds.RoundWindowKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings that decide the ledger, wei for wei. The streams service and the replay read the same keys, so an
 * auditor replaying with the service's settings gets the service's ledger.
 *
 * @param weights              job weight coefficients ({@code ledger.weight.*})
 * @param delegatorFeeSharePpm share of each transfer kept by delegators, parts per million
 * @param deductRedemptionGas  whether the redemption gas is taken off the transfer's revenue
 * @param poolFeePpm           pool fee on each settled round's revenue, parts per million
 * @param payoutThresholdWei   balance at which a payout request takes the whole balance
 * @param dedupeRetainRounds   how many rounds before the current one a job may report and still count (see
 *                             RoundWindow), and how many epochs transfer ids are remembered for (see SeenIds)
 * @param orchestrators        the pool's orchestrators: only transfers to them are revenue
 */
public record LedgerPolicy(JobWeight weights, int delegatorFeeSharePpm, boolean deductRedemptionGas, int poolFeePpm,
                           BigInteger payoutThresholdWei, int dedupeRetainRounds, PoolOrchestrators orchestrators) {

    public static final int PPM = 1_000_000;
    public static final int DEDUPE_RETAIN_ROUNDS_MAX = RoundWindow.RETAIN_ROUNDS_MAX;

    public static final ConfigKey<BigInteger> WEIGHT_PIXELS = ConfigKey.bigInteger("ledger.weight.pixels",
            JobWeight.DEFAULT.pixelsCoef(), BigInteger.ZERO, "job weight per output pixel");
    public static final ConfigKey<BigInteger> WEIGHT_DURATION_MS = ConfigKey.bigInteger("ledger.weight.durationMs",
            JobWeight.DEFAULT.durationMsCoef(), BigInteger.ZERO, "job weight per millisecond of segment duration");
    public static final ConfigKey<BigInteger> WEIGHT_PROFILES = ConfigKey.bigInteger("ledger.weight.profiles",
            JobWeight.DEFAULT.profilesCoef(), BigInteger.ZERO, "job weight per output rendition (profile)");
    public static final ConfigKey<Integer> DELEGATOR_FEE_SHARE_PPM = ConfigKey.integer("ledger.delegatorFeeSharePpm",
            0, 0, PPM, "share of each ticket transfer kept by delegators, ppm, for an orchestrator without an on-chain "
                    + "TranscoderUpdate yet (from its first one on, its feeShare applies); 0 = the pool keeps all fees");
    public static final ConfigKey<Boolean> DEDUCT_REDEMPTION_GAS = ConfigKey.bool("ledger.deductRedemptionGas",
            false, "take the redemption gas off the revenue of each transfer");
    public static final ConfigKey<Integer> POOL_FEE_PPM = ConfigKey.integer("ledger.poolFeePpm",
            50_000, 0, PPM, "pool fee on each round's revenue, ppm (50000 = 5%)");
    public static final ConfigKey<BigInteger> PAYOUT_THRESHOLD_WEI = ConfigKey.bigInteger("ledger.payoutThresholdWei",
            BigInteger.TEN.pow(16), BigInteger.ZERO, "balance that triggers a payout of the whole balance, wei");
    /** Declared once in schemas and shared with the gateway, which answers 400 for a job outside the window. */
    public static final ConfigKey<Integer> DEDUPE_RETAIN_ROUNDS = RoundWindowKeys.RETAIN_ROUNDS;
    /** The name is shared with the chain watcher, which emits only these orchestrators' transfers. */
    public static final ConfigKey<PoolOrchestrators> ORCHESTRATORS = new ConfigKey<>("ledger.orchestrators",
            PoolOrchestrators::parse, null, "the pool's orchestrator addresses, comma-separated (required; pool dev "
            + "sets it): a WinningTicketTransfer to any other recipient is not revenue", false);

    /** The job weight coefficients: also declared by the projector, which fills {@code transcoder_jobs.weight}. */
    public static final List<ConfigKey<?>> WEIGHT_KEYS = List.of(WEIGHT_PIXELS, WEIGHT_DURATION_MS, WEIGHT_PROFILES);

    /** Every key, for the services' configuration declarations. */
    public static final List<ConfigKey<?>> KEYS = List.of(WEIGHT_PIXELS, WEIGHT_DURATION_MS, WEIGHT_PROFILES,
            DELEGATOR_FEE_SHARE_PPM, DEDUCT_REDEMPTION_GAS, POOL_FEE_PPM, PAYOUT_THRESHOLD_WEI, DEDUPE_RETAIN_ROUNDS,
            ORCHESTRATORS);

    public LedgerPolicy {
        Objects.requireNonNull(weights, "weights");
        requirePpm(delegatorFeeSharePpm, "delegatorFeeSharePpm");
        requirePpm(poolFeePpm, "poolFeePpm");
        if (Objects.requireNonNull(payoutThresholdWei, "payoutThresholdWei").signum() < 0) {
            throw new IllegalArgumentException("payoutThresholdWei must be >= 0, got " + payoutThresholdWei);
        }
        if (dedupeRetainRounds < 0 || dedupeRetainRounds > DEDUPE_RETAIN_ROUNDS_MAX) {
            throw new IllegalArgumentException("dedupeRetainRounds must be between 0 and " + DEDUPE_RETAIN_ROUNDS_MAX);
        }
        Objects.requireNonNull(orchestrators, "orchestrators");
    }

    /** Every setting at its default, for the given orchestrators (the one setting without a default). */
    public static LedgerPolicy defaults(PoolOrchestrators orchestrators) {
        return fromSettings(Map.of(ORCHESTRATORS.name(), orchestrators.toString()));
    }

    public LedgerPolicy withOrchestrators(PoolOrchestrators pool) {
        return new LedgerPolicy(weights, delegatorFeeSharePpm, deductRedemptionGas, poolFeePpm, payoutThresholdWei,
                dedupeRetainRounds, pool);
    }

    /** The policy from a service's validated configuration (which must declare {@link #KEYS}). */
    public static LedgerPolicy from(Config config) {
        return new LedgerPolicy(weights(config), config.get(DELEGATOR_FEE_SHARE_PPM),
                config.get(DEDUCT_REDEMPTION_GAS), config.get(POOL_FEE_PPM), config.get(PAYOUT_THRESHOLD_WEI),
                config.get(DEDUPE_RETAIN_ROUNDS), config.get(ORCHESTRATORS));
    }

    /** The job weight from a validated configuration declaring {@link #WEIGHT_KEYS}; all three 0 is refused. */
    public static JobWeight weights(Config config) {
        BigInteger pixels = config.get(WEIGHT_PIXELS);
        BigInteger durationMs = config.get(WEIGHT_DURATION_MS);
        BigInteger profiles = config.get(WEIGHT_PROFILES);
        if (pixels.signum() == 0 && durationMs.signum() == 0 && profiles.signum() == 0) {
            throw new ConfigException(List.of(WEIGHT_PIXELS.name() + ", " + WEIGHT_DURATION_MS.name() + ", "
                    + WEIGHT_PROFILES.name() + ": at least one must be > 0, or every job weighs 0 and revenue never "
                    + "settles"));
        }
        return new JobWeight(pixels, durationMs, profiles);
    }

    /**
     * The policy from {@code --set key=value} pairs, defaults for the keys not given. Keys outside {@code ledger.}
     * are ignored (they belong to other components); an unknown {@code ledger.} key is an error, so that a typo does
     * not silently leave a default in place ({@code <key>.file} names a file holding the value, as for every key).
     * Throws {@link ConfigException} naming every bad key at once.
     */
    public static LedgerPolicy fromSettings(Map<String, String> settings) {
        Set<String> known = KEYS.stream().map(ConfigKey::name).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        settings.keySet().stream().sorted()
                .filter(key -> key.startsWith("ledger.") && !known.contains(key.replaceFirst("\\.file$", "")))
                .forEach(key -> problems.add(key + ": unknown ledger setting (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
        try {
            Map<String, String> ledgerOnly = settings.entrySet().stream().filter(e -> e.getKey().startsWith("ledger."))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            LedgerPolicy policy = from(Config.load(ConfigSource.of(ledgerOnly), KEYS));
            if (problems.isEmpty()) {
                return policy;
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        throw new ConfigException(problems);
    }

    private static void requirePpm(int value, String name) {
        if (value < 0 || value > PPM) {
            throw new IllegalArgumentException(name + " must be between 0 and " + PPM + " ppm, got " + value);
        }
    }
}
