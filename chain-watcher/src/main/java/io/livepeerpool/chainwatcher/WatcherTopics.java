package io.livepeerpool.chainwatcher;

import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The two topics the watcher writes: normally the catalogue's {@link Topics#CHAIN_EVENTS} and
 * {@link Topics#CHAIN_CURSOR}; tests use renamed copies ({@link #withSuffix}) so that they do not share data.
 */
public record WatcherTopics(TopicSpec<ChainEvent> events, TopicSpec<ChainCursor> cursor) {

    public static WatcherTopics catalogue() {
        return new WatcherTopics(Topics.CHAIN_EVENTS, Topics.CHAIN_CURSOR);
    }

    /** The same topics named {@code <name>.<suffix>}. */
    public WatcherTopics withSuffix(String suffix) {
        return new WatcherTopics(renamed(events, suffix), renamed(cursor, suffix));
    }

    public List<NewTopic> newTopics(short replication) {
        return List.of(events.newTopic(0, replication), cursor.newTopic(0, replication));
    }

    private static <V> TopicSpec<V> renamed(TopicSpec<V> t, String suffix) {
        return new TopicSpec<>(t.name() + "." + suffix, t.keyDescription(), t.valueType(), t.valueSchema(),
                t.partitions(), t.cleanup(), t.retentionMs(), t.writer());
    }
}
