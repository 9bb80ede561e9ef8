package io.livepeerpool.launcher;

import io.livepeerpool.chainwatcher.ChainWatcher;
import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pool chain-watcher}: confirmed Livepeer contract logs -> the chain-events topic, exactly once. */
@Command(name = "chain-watcher", mixinStandardHelpOptions = true,
        description = {"Run the chain watcher: confirmed TicketBroker, RoundsManager and BondingManager logs -> Kafka.",
            "chain.preset=arbitrum-one fills the Livepeer contract addresses of Arbitrum One."})
final class ChainWatcherCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>(ChainWatcherConfig.keys());
        keys.addAll(OpsOptions.KEYS);
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        var loaded = config.load("chain watcher", declaredKeys());
        ChainWatcherConfig.settings(loaded);
        var registry = Metrics.newRegistry();
        ChainWatcher watcher = ChainWatcher.fromConfig(loaded, registry);
        return ServiceHost.run(List.of(watcher, OpsOptions.server(loaded, registry, List.of(watcher))), loaded);
    }
}
