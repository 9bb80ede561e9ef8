package io.livepeerpool.launcher.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.launcher.Pool;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** {@code pool topics create} against the devstack's real broker: twice, then with drift. */
class TopicsCreateTest {

    private final Devstack devstack = SharedDevstack.get();

    private record Run(int exitCode, String out) {
    }

    private Run poolTopicsCreate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Pool.commandLine().execute("topics", "create",
                    "--set", "kafka.bootstrapServers=" + devstack.bootstrapServers(),
                    "--set", "topics.replicationFactor=1", "--set", "topics.minInsyncReplicas=1");
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers()));
    }

    @Test
    void createsTheCatalogueThenChangesNothingTheSecondTime() throws Exception {
        Run first = poolTopicsCreate();
        assertThat(first.exitCode()).as(first.out()).isZero();

        try (Admin admin = admin()) {
            for (TopicSpec<?> spec : Topics.all()) {
                var description = admin.describeTopics(List.of(spec.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(spec.name());
                assertThat(description.partitions()).as(spec.name()).hasSize(spec.partitions());
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                        .all().get(30, TimeUnit.SECONDS).values().iterator().next();
                assertThat(config.get("retention.ms").value()).as(spec.name()).isEqualTo(Long.toString(spec.retentionMs()));
                assertThat(config.get("cleanup.policy").value()).as(spec.name())
                        .isEqualTo(spec.cleanup() == TopicSpec.CleanupPolicy.COMPACT ? "compact" : "delete");
                assertThat(config.get("min.insync.replicas").value()).as(spec.name()).isEqualTo("1");
            }
        }

        Run second = poolTopicsCreate();
        assertThat(second.exitCode()).as(second.out()).isZero();
        assertThat(second.out()).contains("topics: 0 created, 0 updated, " + Topics.all().size() + " unchanged, 0 refused");
    }

    @Test
    void repairsADriftedSettingAndRefusesAnotherPartitionCount() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TopicSpec<TranscoderJob> drifted = new TopicSpec<>("drifted." + suffix, "k", TranscoderJob.class,
                TranscoderJob.getClassSchema(), 2, TopicSpec.CleanupPolicy.DELETE, -1L, "test");
        TopicSpec<TranscoderJob> repartitioned = new TopicSpec<>("repartitioned." + suffix, "k", TranscoderJob.class,
                TranscoderJob.getClassSchema(), 3, TopicSpec.CleanupPolicy.DELETE, -1L, "test");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TopicSettings settings = new TopicSettings(devstack.bootstrapServers(), (short) 1, 1);

        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(repartitioned.name(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicCatalogue catalogue = new TopicCatalogue(admin, settings, new PrintStream(out, true, StandardCharsets.UTF_8));

            TopicCatalogue.Outcome first = catalogue.apply(List.of(drifted, repartitioned));
            assertThat(first.created()).containsExactly(drifted.name());
            assertThat(first.refused()).extracting(TopicDrift::topic).containsExactly(repartitioned.name());
            assertThat(first.ok()).isFalse();

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, drifted.name());
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);

            TopicCatalogue.Outcome second = catalogue.apply(List.of(drifted));
            assertThat(second.updated()).containsExactly(drifted.name());
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("retention.ms: 3600000 -> -1");
            String retention = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get("retention.ms").value();
            assertThat(retention).isEqualTo("-1");
            assertThat(admin.describeTopics(List.of(repartitioned.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(repartitioned.name()).partitions()).as("partitions are never changed here").hasSize(1);
        }
    }
}
