package io.livepeerpool.schemas.topics;

import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topic catalogue: every topic of the pool, its key, value, partitions and retention. The devstack and
 * deployments create topics from this list. Retention is unlimited on the event topics: they are the source of
 * truth an auditor replays from offset 0.
 */
public final class Topics {
    private static final long FOREVER = -1L;

    /** Jobs keyed by transcoder address (lowercase), so one transcoder's jobs stay in order on one partition. */
    public static final TopicSpec<TranscoderJob> TRANSCODER_JOBS = new TopicSpec<>(
            "pool.transcoder-jobs", "transcoder address (lowercase hex)", TranscoderJob.class,
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

    private Topics() {
    }

    public static List<TopicSpec<?>> all() {
        return List.of(TRANSCODER_JOBS, WINNING_TICKETS, CHAIN_EVENTS, LEDGER_SETTLEMENTS, LEDGER_ALLOCATIONS, PAYOUT_REQUESTS);
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
