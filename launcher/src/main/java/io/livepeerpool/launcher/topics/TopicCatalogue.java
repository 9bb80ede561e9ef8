package io.livepeerpool.launcher.topics;

import io.livepeerpool.schemas.topics.TopicSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Brings a cluster's topics in line with the catalogue, idempotently: creates what is missing with its declared
 * partitions and settings, repairs settings that drifted, and reports (without touching) a partition count that
 * differs. Running it twice changes nothing the second time.
 */
public final class TopicCatalogue {
    private static final long TIMEOUT_S = 60;

    public record Outcome(List<String> created, List<String> unchanged, List<String> updated, List<TopicDrift> refused) {
        public boolean ok() {
            return refused.isEmpty();
        }
    }

    private final Admin admin;
    private final TopicSettings settings;
    private final PrintStream out;

    public TopicCatalogue(Admin admin, TopicSettings settings, PrintStream out) {
        this.admin = admin;
        this.settings = settings;
        this.out = out;
    }

    public Outcome apply(Collection<TopicSpec<?>> catalogue) throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> wanted = catalogue.stream().map(this::declared).toList();
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<String> created = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<TopicDrift> refused = new ArrayList<>();

        List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        created.addAll(create(missing));
        List<NewTopic> present = wanted.stream().filter(t -> !created.contains(t.name())).toList();
        if (present.isEmpty()) {
            return new Outcome(created, unchanged, updated, refused);
        }
        Map<String, TopicDescription> described = withMetadata(() -> admin.describeTopics(names(present))
                .allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS));
        Map<String, Map<String, String>> configs = withMetadata(() -> configs(names(present)));
        for (NewTopic topic : present) {
            TopicDrift drift = TopicDrift.of(topic.name(), topic.numPartitions(),
                    described.get(topic.name()).partitions().size(), topic.configs(), configs.get(topic.name()));
            if (drift.partitionsDiffer()) {
                out.printf("refused   %s: %d partitions on the cluster, %d declared; partitions are not changed"
                        + " here (it would move keys between partitions)%n", topic.name(), drift.actualPartitions(),
                        drift.declaredPartitions());
                refused.add(drift);
            }
            if (drift.settingsDiffer()) {
                alter(topic.name(), drift);
                out.printf("updated   %s (%s)%n", topic.name(), drift.describeSettings());
                updated.add(topic.name());
            } else if (!drift.partitionsDiffer()) {
                out.printf("unchanged %s%n", topic.name());
                unchanged.add(topic.name());
            }
        }
        return new Outcome(created, unchanged, updated, refused);
    }

    private interface AdminCall<T> {
        T call() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * A topic created a moment ago (by this run or another process) can be listed before every broker knows it:
     * describing it then fails with UnknownTopicOrPartition for a short while. Wait that out, bounded.
     */
    private static <T> T withMetadata(AdminCall<T> call) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private NewTopic declared(TopicSpec<?> spec) {
        NewTopic topic = spec.newTopic(0, settings.replicationFactor());
        Map<String, String> configs = new HashMap<>(topic.configs());
        configs.put("min.insync.replicas", Integer.toString(settings.minInsyncReplicas()));
        return topic.configs(configs);
    }

    private List<String> create(List<NewTopic> missing) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> created = new ArrayList<>();
        var results = admin.createTopics(missing).values();
        for (NewTopic topic : missing) {
            try {
                results.get(topic.name()).get(TIMEOUT_S, TimeUnit.SECONDS);
                out.printf("created   %s (%d partitions, replication %d, %s)%n", topic.name(), topic.numPartitions(),
                        topic.replicationFactor(), new java.util.TreeMap<>(topic.configs()));
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // Created by someone else since we listed: compared with the present ones below.
            }
        }
        return created;
    }

    private Map<String, Map<String, String>> configs(List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        return admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), e -> e.getValue().entries().stream()
                        .filter(c -> c.value() != null)
                        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value))));
    }

    private void alter(String topic, TopicDrift drift) throws InterruptedException, ExecutionException, TimeoutException {
        List<AlterConfigOp> ops = drift.settings().entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()[1]), AlterConfigOp.OpType.SET))
                .toList();
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static List<String> names(List<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList();
    }
}
