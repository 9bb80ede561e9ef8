package io.livepeerpool.launcher.topics;

import io.livepeerpool.launcher.ConfigOptions;
import io.livepeerpool.launcher.ServiceCommand;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool topics create}: every topic of the catalogue ({@code Topics.all()}) with its partitions, cleanup,
 * retention, replication and min.insync.replicas. Idempotent: safe to run on every deploy (the compose file runs it as
 * a one-shot service before the pool's services start).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create the pool's topics with their settings; repair drifted settings; run it again safely.",
            "Exit 1 when a topic exists with another partition count (reported, never changed)."})
public final class TopicsCreateCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        return TopicSettings.KEYS;
    }

    @Override
    public Integer call() throws Exception {
        TopicSettings settings = TopicSettings.from(config.load("topics", declaredKeys()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            TopicCatalogue.Outcome outcome = new TopicCatalogue(admin, settings, System.out).apply(Topics.all());
            System.out.printf("topics: %d created, %d updated, %d unchanged, %d refused%n", outcome.created().size(),
                    outcome.updated().size(), outcome.unchanged().size(), outcome.refused().size());
            return outcome.ok() ? 0 : 1;
        }
    }
}
