package io.livepeerpool.launcher.topics;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import java.util.List;

/** How the catalogue is laid out on a cluster: replication and the durability floor of every pool topic. */
public record TopicSettings(String bootstrapServers, short replicationFactor, int minInsyncReplicas) {

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrapServers", null,
            "Kafka bootstrap servers, host:port[,host:port]");
    // Production defaults: three copies, and a write is acked (acks=all) only once two hold it, so one broker can be
    // lost or restarted without losing an acked job or a payout outcome, and without stopping writes.
    public static final ConfigKey<Integer> REPLICATION_FACTOR = ConfigKey.integer("topics.replicationFactor", 3, 1,
            Short.MAX_VALUE, "Replicas of every pool topic (3 in production; 1 on a single-broker dev cluster)");
    public static final ConfigKey<Integer> MIN_INSYNC_REPLICAS = ConfigKey.integer("topics.minInsyncReplicas", 2, 1,
            Short.MAX_VALUE, "min.insync.replicas of every pool topic: replicas that must hold a write before acks=all"
                    + " succeeds; at most topics.replicationFactor");
    public static final List<ConfigKey<?>> KEYS = List.of(BOOTSTRAP_SERVERS, REPLICATION_FACTOR, MIN_INSYNC_REPLICAS);

    public TopicSettings {
        if (minInsyncReplicas > replicationFactor) {
            throw new ConfigException(List.of("topics.minInsyncReplicas (" + minInsyncReplicas
                    + ") must be at most topics.replicationFactor (" + replicationFactor + ")"));
        }
    }

    public static TopicSettings from(Config config) {
        return new TopicSettings(config.get(BOOTSTRAP_SERVERS), config.get(REPLICATION_FACTOR).shortValue(),
                config.get(MIN_INSYNC_REPLICAS));
    }
}
