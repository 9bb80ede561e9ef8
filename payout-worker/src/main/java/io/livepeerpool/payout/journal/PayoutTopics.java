package io.livepeerpool.payout.journal;

import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics the payout worker reads and writes: the catalogue's, or renamed copies in tests ({@link #withSuffix}). */
public record PayoutTopics(TopicSpec<PayoutRequest> requests, TopicSpec<PayoutIntent> intents, TopicSpec<Payout> outcomes) {

    public static PayoutTopics catalogue() {
        return new PayoutTopics(Topics.PAYOUT_REQUESTS, Topics.PAYOUT_INTENTS, Topics.PAYOUTS);
    }

    public PayoutTopics withSuffix(String suffix) {
        return new PayoutTopics(renamed(requests, suffix), renamed(intents, suffix), renamed(outcomes, suffix));
    }

    public List<NewTopic> newTopics(short replication) {
        return List.of(requests.newTopic(0, replication), intents.newTopic(0, replication), outcomes.newTopic(0, replication));
    }

    private static <V> TopicSpec<V> renamed(TopicSpec<V> t, String suffix) {
        return new TopicSpec<>(t.name() + "." + suffix, t.keyDescription(), t.valueType(), t.valueSchema(),
                t.partitions(), t.cleanup(), t.retentionMs(), t.writer());
    }
}
