package io.livepeerpool.redeemer.journal;

import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics the redeemer reads and writes: the catalogue's, or renamed copies in tests ({@link #withSuffix}). */
public record RedeemerTopics(TopicSpec<WinningTicket> tickets, TopicSpec<RedemptionIntent> intents,
                             TopicSpec<Redemption> outcomes) {

    public static RedeemerTopics catalogue() {
        return new RedeemerTopics(Topics.WINNING_TICKETS, Topics.REDEMPTION_INTENTS, Topics.REDEMPTIONS);
    }

    public RedeemerTopics withSuffix(String suffix) {
        return new RedeemerTopics(renamed(tickets, suffix), renamed(intents, suffix), renamed(outcomes, suffix));
    }

    public List<NewTopic> newTopics(short replication) {
        return List.of(tickets.newTopic(0, replication), intents.newTopic(0, replication), outcomes.newTopic(0, replication));
    }

    private static <V> TopicSpec<V> renamed(TopicSpec<V> t, String suffix) {
        return new TopicSpec<>(t.name() + "." + suffix, t.keyDescription(), t.valueType(), t.valueSchema(),
                t.partitions(), t.cleanup(), t.retentionMs(), t.writer());
    }
}
