package io.livepeerpool.schemas.topics;

import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.FeeWithdrawal;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutSettings;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import io.livepeerpool.schemas.avro.TranscoderStatus;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topic catalogue: every topic of the pool, its key, value, partitions and retention. The devstack and
 * deployments create topics from this list. Retention is unlimited (retention.ms = -1) on every topic: the source
 * topics (jobs, winning tickets, chain events, redemption intents and outcomes, epoch boundaries) are the truth an
 * auditor replays from offset 0, and the ledger's outputs are what the audit compares with. Compaction only where a
 * key's last record is all that matters (the watcher's cursor, max float); the ledger's two internal topics are
 * purged by the ledger itself once consumed.
 */
public final class Topics {
    private static final long FOREVER = -1L;

    /**
     * Jobs keyed by {@code orchestrator|jobId} ({@link JobKeys}): every copy of a job lands on one partition, so the
     * ledger dedupes and weighs each partition in one stage, and the epoch boundaries it records
     * ({@link #LEDGER_EPOCH_BOUNDARIES}) are offsets in these partitions. A source of truth: kept for ever, never
     * compacted (a key's copies are all kept: the first one counts, an auditor must see the rest to know that).
     */
    public static final TopicSpec<TranscoderJob> TRANSCODER_JOBS = new TopicSpec<>(
            "pool.transcoder-jobs", "orchestrator|jobId (JobKeys)", TranscoderJob.class,
            TranscoderJob.getClassSchema(), 6, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ingest-gateway");

    /** Winning tickets keyed by sender address (lowercase): the redeemer keeps one queue per sender. */
    public static final TopicSpec<WinningTicket> WINNING_TICKETS = new TopicSpec<>(
            "pool.winning-tickets", "ticket sender address (lowercase hex)", WinningTicket.class,
            WinningTicket.getClassSchema(), 3, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ingest-gateway");

    /**
     * Confirmed chain logs in block order. One partition on purpose: the ledger attributes revenue to rounds by the
     * order of transfers and NewRound events, which only a single partition preserves; the volume is a few logs per
     * block. Key: the address the event concerns (sender, transcoder), or the round number for NewRound.
     */
    public static final TopicSpec<ChainEvent> CHAIN_EVENTS = new TopicSpec<>(
            "pool.chain-events", "sender / transcoder address, or round number for NewRound", ChainEvent.class,
            ChainEvent.getClassSchema(), 1, TopicSpec.CleanupPolicy.DELETE, FOREVER, "chain-watcher");

    /**
     * The chain watcher's cursor, keyed by watcher id: the last block whose logs are in {@link #CHAIN_EVENTS},
     * written in the same transaction as those logs. Compacted: the last record per key is the cursor.
     */
    public static final TopicSpec<ChainCursor> CHAIN_CURSOR = new TopicSpec<>(
            "pool.chain-watcher-cursor", "watcher id (chainWatcher.id)", ChainCursor.class,
            ChainCursor.getClassSchema(), 1, TopicSpec.CleanupPolicy.COMPACT, FOREVER, "chain-watcher");

    /** One settlement per NewRound, keyed by the pool ("pool"): a single ordered history of settlements. */
    public static final TopicSpec<Settlement> LEDGER_SETTLEMENTS = new TopicSpec<>(
            "pool.ledger-settlements", "\"pool\"", Settlement.class,
            Settlement.getClassSchema(), 1, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ledger-streams");

    /** One allocation per transcoder per settlement, keyed by transcoder address. */
    public static final TopicSpec<Allocation> LEDGER_ALLOCATIONS = new TopicSpec<>(
            "pool.ledger-allocations", "transcoder address (lowercase hex)", Allocation.class,
            Allocation.getClassSchema(), 6, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ledger-streams");

    /** Threshold payout requests, keyed by transcoder address; the payout worker pays each exactly once. */
    public static final TopicSpec<PayoutRequest> PAYOUT_REQUESTS = new TopicSpec<>(
            "pool.payout-requests", "transcoder address (lowercase hex)", PayoutRequest.class,
            PayoutRequest.getClassSchema(), 6, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ledger-streams");

    /**
     * The jobs the ledger refused (roundJob outside its round window: late or future), one record per refused post,
     * keyed by transcoder address so that the read model lists them with the transcoder's jobs. Retained: it is the
     * ledger's published verdict that an orchestrator reads back ({@code GET /getTranscoderJobs}, status refused),
     * and an auditor's replay prints the same refusals. Not compacted: a key has many records.
     */
    public static final TopicSpec<JobRefusal> LEDGER_JOB_REFUSALS = new TopicSpec<>(
            "pool.ledger-job-refusals", "transcoder address (lowercase hex)", JobRefusal.class,
            JobRefusal.getClassSchema(), 6, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ledger-streams");

    /**
     * Internal to ledger-streams: the NewRound markers, one per accepted NewRound on every partition; same partition
     * count as {@link #TRANSCODER_JOBS} (partition p closes the epoch of jobs partition p). Kept until the ledger has
     * consumed it (the ledger deletes consumed records, as Kafka Streams does for its repartition topics): where the
     * epochs begin is recorded in {@link #LEDGER_EPOCH_BOUNDARIES}, not here.
     */
    public static final TopicSpec<LedgerJobEvent> LEDGER_EPOCH_MARKERS = new TopicSpec<>(
            "pool.ledger-epoch-markers", "\"pool\" (written to every partition)",
            LedgerJobEvent.class, LedgerJobEvent.getClassSchema(), 6, TopicSpec.CleanupPolicy.DELETE, FOREVER,
            "ledger-streams");

    /**
     * Where each epoch begins in each partition of {@link #TRANSCODER_JOBS}: (epoch, round, jobs partition, offset),
     * written by the ledger in the transaction that closes the partition's epoch. With the jobs and chain events, it
     * makes the ledger a pure function of retained topics: {@code pool ledger export} puts every job in the epoch the
     * live ledger put it in. Kept for ever; one partition (one small record per jobs partition per round). Not
     * compacted: every key ({@code <epoch>|<partition>}) is written once, so compaction would keep the same records.
     */
    public static final TopicSpec<EpochBoundary> LEDGER_EPOCH_BOUNDARIES = new TopicSpec<>(
            "pool.ledger-epoch-boundaries", "<epoch>|<jobs partition>", EpochBoundary.class,
            EpochBoundary.getClassSchema(), 1, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ledger-streams");

    /**
     * Internal to ledger-streams: the settlement barrier, keyed "pool": the revenue closed at each NewRound and the
     * weight subtotals of every jobs partition. One partition (a single key would use one anyway).
     */
    public static final TopicSpec<LedgerBarrierEvent> LEDGER_BARRIER = new TopicSpec<>(
            "pool.ledger-barrier", "\"pool\"", LedgerBarrierEvent.class, LedgerBarrierEvent.getClassSchema(), 1,
            TopicSpec.CleanupPolicy.DELETE, FOREVER, "ledger-streams");

    /**
     * The redeemer's write-ahead log: each redemption transaction recorded (signed raw tx, nonce, tickets) before it
     * is broadcast, then its replacement or closing. Keyed by redeemer wallet so one wallet's nonces stay ordered on
     * one partition; a restarted redeemer reads its wallet's open intents back and reconciles them with the chain.
     */
    public static final TopicSpec<RedemptionIntent> REDEMPTION_INTENTS = new TopicSpec<>(
            "pool.redemption-intents", "redeemer wallet address (lowercase hex)", RedemptionIntent.class,
            RedemptionIntent.getClassSchema(), 3, TopicSpec.CleanupPolicy.DELETE, FOREVER, "redeemer-worker");

    /** One final outcome per winning ticket (Redeemed, Failed, Expired), keyed by ticket hash. */
    public static final TopicSpec<Redemption> REDEMPTIONS = new TopicSpec<>(
            "pool.redemptions", "ticket hash (0x + 64 lowercase hex)", Redemption.class,
            Redemption.getClassSchema(), 3, TopicSpec.CleanupPolicy.DELETE, FOREVER, "redeemer-worker");

    /**
     * The current max float per sender, keyed by sender. Compacted: derived state, rebuilt from chain events and
     * redemption intents and outcomes; only the last value per sender matters.
     */
    public static final TopicSpec<MaxFloat> MAX_FLOAT = new TopicSpec<>(
            "pool.max-float", "ticket sender address (lowercase hex)", MaxFloat.class,
            MaxFloat.getClassSchema(), 3, TopicSpec.CleanupPolicy.COMPACT, FOREVER, "ledger-streams (max float)");

    /**
     * One final outcome per payout request (Paid, Refused, Reverted) with the chain's proof, keyed by transcoder
     * address like the payout requests, so the ledger's balance for a member sees its requests and their outcomes on
     * one partition. A source topic of the ledger (a Refused/Reverted outcome returns the amount to the balance):
     * retained forever for the audit. One partition: the ledger's balances live in its single settlement task, which
     * reads this topic directly (no repartition hop), and the volume is one record per payout.
     */
    public static final TopicSpec<Payout> PAYOUTS = new TopicSpec<>(
            "pool.payouts", "transcoder address (lowercase hex)", Payout.class,
            Payout.getClassSchema(), 1, TopicSpec.CleanupPolicy.DELETE, FOREVER, "payout-worker");

    /**
     * Members' signed payout settings (payoutAddress, personal threshold), keyed by transcoder. A source topic of the
     * ledger (applied from the next settlement) and of the read model; retained forever (not compacted: the audit
     * replays every settlement with the settings in force then). One partition, as {@link #PAYOUTS}.
     */
    public static final TopicSpec<PayoutSettings> PAYOUT_SETTINGS = new TopicSpec<>(
            "pool.payout-settings", "transcoder address (lowercase hex)", PayoutSettings.class,
            PayoutSettings.getClassSchema(), 1, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ingest-gateway");

    /**
     * The ledger's account changes other than allocations (payout outcomes applied, debts netted), keyed by
     * transcoder, with the balance and debt after each: what the read model shows as a member's balance between
     * settlements.
     */
    public static final TopicSpec<MemberAccountChange> LEDGER_ACCOUNT_CHANGES = new TopicSpec<>(
            "pool.ledger-account-changes", "transcoder address (lowercase hex)", MemberAccountChange.class,
            MemberAccountChange.getClassSchema(), 6, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ledger-streams");

    /**
     * Transcoder registrations with their benchmark and the admission decision, keyed by transcoder address. The
     * same partition count as {@link #TRANSCODER_JOBS} on purpose: the performance topology reads both in one task
     * per partition, so one transcoder's jobs and registrations meet (it checks the counts at start). Kept forever:
     * with the jobs, the source the statuses are rebuilt from.
     */
    public static final TopicSpec<TranscoderRegistration> TRANSCODER_REGISTRATIONS = new TopicSpec<>(
            "pool.transcoder-registrations", "transcoder address (lowercase hex)", TranscoderRegistration.class,
            TranscoderRegistration.getClassSchema(), 6, TopicSpec.CleanupPolicy.DELETE, FOREVER, "ingest-gateway");

    /**
     * Each transcoder's admission status and latency figures (admitted / excluded, with the figures that excluded
     * it), keyed by transcoder address. Compacted: derived from registrations and jobs; the last record per
     * transcoder is its status, which the projector serves.
     */
    public static final TopicSpec<TranscoderStatus> TRANSCODER_STATUS = new TopicSpec<>(
            "pool.transcoder-status", "transcoder address (lowercase hex)", TranscoderStatus.class,
            TranscoderStatus.getClassSchema(), 6, TopicSpec.CleanupPolicy.COMPACT, FOREVER,
            "ledger-streams (performance)");

    /**
     * The payout worker's write-ahead journal: one record per PoolPayouts.pay transaction before it is broadcast
     * (Open), then its fee-bumped replacement at the same nonce (Replaced) and its closing once every outcome is in
     * {@link #PAYOUTS} (Closed). Keyed by payout wallet so one wallet's nonces stay ordered on one partition. Retained
     * forever: it is the proof of what was signed, and a worker reads it back at start to reconcile with the chain.
     */
    public static final TopicSpec<PayoutIntent> PAYOUT_INTENTS = new TopicSpec<>(
            "pool.payout-intents", "payout wallet address (lowercase hex)", PayoutIntent.class,
            PayoutIntent.getClassSchema(), 3, TopicSpec.CleanupPolicy.DELETE, FOREVER, "payout-worker");

    /**
     * The fee withdrawer's write-ahead log and record of every withdrawFees transaction (Intent, then Withdrawn,
     * Reverted or Dropped), keyed by orchestrator address. One partition: one record per withdrawal. Retained forever:
     * it is the record of the pool's money moved from BondingManager to the payout wallet, and a restarted withdrawer
     * reads it back to find an open intent before it signs anything.
     */
    public static final TopicSpec<FeeWithdrawal> FEE_WITHDRAWALS = new TopicSpec<>(
            "pool.fee-withdrawals", "orchestrator address (lowercase hex)", FeeWithdrawal.class,
            FeeWithdrawal.getClassSchema(), 1, TopicSpec.CleanupPolicy.DELETE, FOREVER, "payout-worker (fee withdrawer)");

    private Topics() {
    }

    public static List<TopicSpec<?>> all() {
        return List.of(TRANSCODER_JOBS, WINNING_TICKETS, CHAIN_EVENTS, CHAIN_CURSOR, LEDGER_SETTLEMENTS, LEDGER_ALLOCATIONS, PAYOUT_REQUESTS,
                LEDGER_EPOCH_MARKERS, LEDGER_EPOCH_BOUNDARIES, LEDGER_BARRIER, REDEMPTION_INTENTS, REDEMPTIONS, MAX_FLOAT,
                PAYOUTS, TRANSCODER_REGISTRATIONS, TRANSCODER_STATUS, PAYOUT_INTENTS, FEE_WITHDRAWALS, PAYOUT_SETTINGS,
                LEDGER_ACCOUNT_CHANGES, LEDGER_JOB_REFUSALS);
    }

    /** NewTopic definitions for every topic; {@code partitionsOverride} > 0 replaces the catalogue's counts. */
    public static List<NewTopic> newTopics(int partitionsOverride, short replication) {
        return all().stream().map(t -> t.newTopic(partitionsOverride, replication)).toList();
    }

    /**
     * Registers the value schema of every topic under its subject and returns the ids by subject. Services call it
     * at start, so a schema the registry refuses (e.g. 409: incompatible with what the topic already holds) stops
     * the service before it takes traffic, and the serializers' first records find their ids in the client's cache.
     *
     * @throws io.livepeerpool.schemas.registry.SchemaRegistryException on the first refusal
     */
    public static Map<String, Integer> registerAll(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (TopicSpec<?> topic : all()) {
            ids.put(topic.valueSubject(), registry.register(topic.valueSubject(), topic.valueSchema()));
        }
        return ids;
    }
}
