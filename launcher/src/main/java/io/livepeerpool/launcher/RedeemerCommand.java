package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.redeemer.RedeemerConfig;
import io.livepeerpool.redeemer.RedeemerService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pool redeemer}: winning tickets -> on-chain redemptions, exactly once, with this instance's wallet. */
@Command(name = "redeemer", mixinStandardHelpOptions = true,
        description = {"Run a redeemer worker: the pool's winning tickets redeemed on chain, outcomes to Kafka.",
            "Start more instances (each with its own redeemer.walletKey) in one redeemer.groupId to scale."})
final class RedeemerCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        List<ConfigKey<?>> keys = new ArrayList<>(RedeemerConfig.keys());
        keys.addAll(OpsOptions.KEYS);
        var loaded = config.load("redeemer", keys);
        RedeemerConfig.settings(loaded);
        RedeemerConfig.credentials(loaded);
        var registry = Metrics.newRegistry();
        RedeemerService redeemer = RedeemerService.fromConfig(loaded, registry);
        return ServiceHost.run(List.of(redeemer, OpsOptions.server(loaded, registry, List.of(redeemer))));
    }
}
