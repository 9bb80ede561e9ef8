package io.livepeerpool.launcher;

import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.platform.ops.OpsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pool projector}: Kafka topics into the PostgreSQL read model, with a health and metrics endpoint. */
@Command(name = "projector", mixinStandardHelpOptions = true,
        description = "Run the projector: Kafka topics -> PostgreSQL read model (offsets kept in the same transactions).")
final class ProjectorCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>(ProjectorConfig.KEYS);
        keys.addAll(OpsOptions.KEYS);
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        var loaded = config.load("projector", declaredKeys());
        var registry = Metrics.newRegistry();
        Projector projector = Projector.fromConfig(loaded, registry);
        OpsServer ops = OpsOptions.server(loaded, registry, List.of(projector));
        return ServiceHost.run(List.of(projector, ops), loaded);
    }
}
