package io.livepeerpool.payout.fees;

import io.livepeerpool.schemas.avro.FeeWithdrawal;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics the fee withdrawer reads and writes: the catalogue's, or renamed copies in tests ({@link #withSuffix}). */
public record FeeTopics(TopicSpec<PayoutRequest> requests, TopicSpec<Payout> outcomes,
                        TopicSpec<FeeWithdrawal> withdrawals) {

    public static FeeTopics catalogue() {
        return new FeeTopics(Topics.PAYOUT_REQUESTS, Topics.PAYOUTS, Topics.FEE_WITHDRAWALS);
    }

    public FeeTopics withSuffix(String suffix) {
        return new FeeTopics(renamed(requests, suffix), renamed(outcomes, suffix), renamed(withdrawals, suffix));
    }

    public List<NewTopic> newTopics(short replication) {
        return List.of(requests.newTopic(0, replication), outcomes.newTopic(0, replication),
                withdrawals.newTopic(0, replication));
    }

    private static <V> TopicSpec<V> renamed(TopicSpec<V> t, String suffix) {
        return new TopicSpec<>(t.name() + "." + suffix, t.keyDescription(), t.valueType(), t.valueSchema(),
                t.partitions(), t.cleanup(), t.retentionMs(), t.writer());
    }
}
