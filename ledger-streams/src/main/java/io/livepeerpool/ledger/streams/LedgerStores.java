package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.streams.store.BigIntegerSerde;
import io.livepeerpool.ledger.streams.store.CountedJob;
import io.livepeerpool.ledger.streams.store.CountedJobSerde;
import java.math.BigInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Every state store of the ledger, by name. All are persistent (RocksDB) key-value stores with a changelog topic
 * ({@code <applicationId>-<name>-changelog}), so under exactly_once_v2 a store and the records it caused are
 * committed together. String keys throughout.
 */
public final class LedgerStores {
    // jobs (per partition of the jobs topic, keyed orchestrator|jobId)
    /**
     * {@code orchestrator|jobId} -> {@code CountedJob}: the highest roundJob of its copies taken inside the window,
     * and the epoch, transcoder and weight it counted with (the open epoch's subtotals are rebuilt from it).
     */
    public static final String COUNTED_JOBS = "ledger-counted-jobs";
    /** {@link #EPOCH} -> the epoch this jobs partition is in (the number of markers it has closed). */
    public static final String JOBS_EPOCH = "ledger-jobs-epoch";
    /**
     * {@link #POSITION} -> the offset after the last job record processed in this partition: where the next epoch
     * begins if the marker comes now ({@code EpochBoundary.jobsOffset}).
     */
    public static final String JOBS_POSITION = "ledger-jobs-position";

    // settlement task: payout outcomes and payout settings
    /**
     * {@code BoundarySource.text()} of payouts and payoutSettings -> the offset after the last record of that topic
     * the settlement task applied: recorded as an epoch boundary at each settlement.
     */
    public static final String MEMBER_POSITIONS = "ledger-member-positions";

    // chain events (single partition)
    /** {@link #POOL} -> {@code LedgerChainState}: epoch, last round accepted, pending revenue. */
    public static final String CHAIN_STATE = "ledger-chain-state";
    /** {@code txHash|logIndex} -> epoch first seen. */
    public static final String TRANSFER_IDS = "ledger-transfer-ids";
    /** {@code <epoch>|txHash|logIndex} -> epoch. */
    public static final String TRANSFER_ID_EPOCHS = "ledger-transfer-id-epochs";
    /** orchestrator -> feeShare (ppm) of its last TranscoderUpdate. */
    public static final String FEE_SHARES = "ledger-fee-shares";

    // settlement (single key)
    /** {@link #POOL} -> {@code LedgerSettlementState}: last settled epoch and round, carried revenue. */
    public static final String SETTLEMENT_STATE = "ledger-settlement-state";
    /** transcoder -> weight carried from rounds without revenue. */
    public static final String CARRIED_WEIGHTS = "ledger-carried-weights";
    /** {@code <epoch>} -> {@code RevenueClosed}, until the epoch settles. */
    public static final String BARRIER_REVENUE = "ledger-barrier-revenue";
    /** {@code <epoch>|<partition>|<chunk>} -> {@code EpochSubtotals}, until the epoch settles. */
    public static final String BARRIER_SUBTOTALS = "ledger-barrier-subtotals";
    /** transcoder -> unpaid balance in wei (> 0; a zero balance has no entry). */
    public static final String BALANCES = "ledger-balances";
    /** transcoder -> gas shares charged that the balance could not cover, wei (> 0; never with a balance). */
    public static final String DEBTS = "ledger-debts";
    /** payoutId -> {@code PayoutRequest} requested and not yet resolved by an outcome. */
    public static final String OPEN_PAYOUTS = "ledger-open-payouts";
    /** transcoder -> the {@code PayoutSettings} in force (the last applied nonce). */
    public static final String PAYOUT_SETTINGS = "ledger-payout-settings";
    /** {@link #POOL} -> the last account-change sequence number. */
    public static final String ACCOUNT_SEQUENCE = "ledger-account-sequence";

    /** The key of single-entry stores and of the barrier and settlement records. */
    public static final String POOL = "pool";
    /** The key of the per-partition epoch stores. */
    public static final String EPOCH = "epoch";
    /** The key of R, the round of the last NewRound marker, in {@link #JOBS_EPOCH}. */
    public static final String ROUND = "round";
    /** The key of {@link #JOBS_POSITION}. */
    public static final String POSITION = "position";

    /**
     * RocksDB in production: a restart reads its own disk, not the whole changelog. In memory for the
     * TopologyTestDriver tests, which commit (and so flush every store) after each record. Both have changelogs.
     */
    public enum Kind {
        PERSISTENT, IN_MEMORY;

        KeyValueBytesStoreSupplier supplier(String name) {
            return this == PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        }
    }

    private LedgerStores() {
    }

    static <V> StoreBuilder<KeyValueStore<String, V>> store(Kind kind, String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(kind.supplier(name), Serdes.String(), values);
    }

    static StoreBuilder<KeyValueStore<String, Long>> longs(Kind kind, String name) {
        return store(kind, name, Serdes.Long());
    }

    static StoreBuilder<KeyValueStore<String, CountedJob>> countedJobs(Kind kind) {
        return store(kind, COUNTED_JOBS, CountedJobSerde.create());
    }

    /** A long written for every record (a position): cached, so one changelog write per commit. */
    static StoreBuilder<KeyValueStore<String, Long>> cachedLongs(Kind kind, String name) {
        return store(kind, name, Serdes.Long()).withCachingEnabled();
    }

    /**
     * Amounts and weights; cached, so that a transcoder's many jobs in one commit interval cost one changelog write
     * (the cache is flushed before each commit, so exactly-once is unaffected).
     */
    static StoreBuilder<KeyValueStore<String, BigInteger>> amounts(Kind kind, String name) {
        return store(kind, name, BigIntegerSerde.create()).withCachingEnabled();
    }
}
