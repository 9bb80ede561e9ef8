package io.livepeerpool.launcher;

import io.livepeerpool.ledger.streams.performance.PerformanceConfig;
import io.livepeerpool.ledger.streams.performance.PerformanceService;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool performance}: each transcoder's latency over its recent jobs and its admission status (Kafka Streams,
 * exactly-once) as its own process: transcoder jobs and registrations -> pool.transcoder-status.
 */
@Command(name = "performance", mixinStandardHelpOptions = true,
        description = {"Run the performance topology: job latencies and registrations -> pool.transcoder-status.",
            "Start more instances with the same performance.applicationId to scale out."})
final class PerformanceCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>(PerformanceConfig.KEYS);
        keys.addAll(OpsOptions.KEYS);
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        var loaded = config.load("performance", declaredKeys());
        var registry = Metrics.newRegistry();
        PerformanceService performance = PerformanceService.fromConfig(loaded, registry);
        return ServiceHost.run(List.of(performance, OpsOptions.server(loaded, registry, List.of(performance))));
    }
}
