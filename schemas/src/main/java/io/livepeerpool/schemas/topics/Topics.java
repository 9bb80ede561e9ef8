package io.livepeerpool.schemas.topics;

import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.util.List;
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

    private Topics() {
    }

    public static List<TopicSpec<?>> all() {
        return List.of(TRANSCODER_JOBS, WINNING_TICKETS);
    }

    /** NewTopic definitions for every topic; {@code partitionsOverride} > 0 replaces the catalogue's counts. */
    public static List<NewTopic> newTopics(int partitionsOverride, short replication) {
        return all().stream().map(t -> t.newTopic(partitionsOverride, replication)).toList();
    }
}
