package io.livepeerpool.gateway.kafka;

import io.livepeerpool.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;

/** Whether the gateway can write now: the cluster answers and the topics it writes exist. */
public final class KafkaHealth implements AutoCloseable {
    private final Admin admin;
    private final List<String> topics;
    private final Duration timeout;

    public KafkaHealth(Admin admin, List<TopicSpec<?>> topics, Duration timeout) {
        this.admin = admin;
        this.topics = topics.stream().map(TopicSpec::name).toList();
        this.timeout = timeout;
    }

    public static KafkaHealth connect(String bootstrapServers, List<TopicSpec<?>> topics, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-gateway-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        return new KafkaHealth(Admin.create(p), topics, timeout);
    }

    public boolean reachable() {
        int ms = (int) timeout.toMillis();
        try {
            boolean brokers = !admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .nodes().get(ms, TimeUnit.MILLISECONDS).isEmpty();
            return brokers && admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(ms))
                    .allTopicNames().get(ms, TimeUnit.MILLISECONDS).size() == topics.size();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
