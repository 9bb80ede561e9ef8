package io.livepeerpool.launcher;

import io.livepeerpool.ledger.streams.maxfloat.MaxFloatConfig;
import io.livepeerpool.ledger.streams.maxfloat.MaxFloatService;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool max-float}: the per-sender max float (Kafka Streams, exactly-once) as its own process. Separate from
 * {@code pool ledger} because it calls the chain (a new sender's funds) and serves the redeemer, not the ledger.
 */
@Command(name = "max-float", mixinStandardHelpOptions = true,
        description = {"Run max float: chain events and redemption intents/outcomes -> pool.max-float, per sender.",
            "Start more instances with the same maxFloat.applicationId to scale out."})
final class MaxFloatCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>(MaxFloatConfig.KEYS);
        keys.addAll(OpsOptions.KEYS);
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        var loaded = config.load("max float", declaredKeys());
        var registry = Metrics.newRegistry();
        MaxFloatService maxFloat = MaxFloatService.fromConfig(loaded, registry);
        return ServiceHost.run(List.of(maxFloat, OpsOptions.server(loaded, registry, List.of(maxFloat))));
    }
}
