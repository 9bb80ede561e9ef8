package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.redeemer.RedeemerConfig;
import io.livepeerpool.redeemer.RedeemerService;
import io.livepeerpool.redeemer.grpc.GrpcRedeemerConfig;
import io.livepeerpool.redeemer.grpc.TicketRedeemerServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool redeemer}: winning tickets -> on-chain redemptions, exactly once, with this instance's wallet, and
 * go-livepeer's TicketRedeemer gRPC service ({@code -redeemerAddr}) in the same process.
 */
@Command(name = "redeemer", mixinStandardHelpOptions = true,
        description = {"Run a redeemer worker: the pool's winning tickets redeemed on chain, outcomes to Kafka,",
            "and go-livepeer's TicketRedeemer gRPC service for the pool's orchestrators.",
            "Start more instances (each with its own redeemer.walletKey) in one redeemer.groupId to scale."})
final class RedeemerCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        // The worker and the gRPC service share the Kafka and registry keys: declare each name once.
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        for (ConfigKey<?> key : RedeemerConfig.keys()) {
            keys.putIfAbsent(key.name(), key);
        }
        for (ConfigKey<?> key : GrpcRedeemerConfig.KEYS) {
            keys.putIfAbsent(key.name(), key);
        }
        for (ConfigKey<?> key : OpsOptions.KEYS) {
            keys.putIfAbsent(key.name(), key);
        }
        return new ArrayList<>(keys.values());
    }

    @Override
    public Integer call() throws Exception {
        List<ConfigKey<?>> keys = declaredKeys();
        // one source checked once against every pool key (ConfigOptions), so each part may load just its own keys
        ConfigSource source = config.source();
        var loaded = Config.load(source, keys);
        config.log("redeemer", loaded);
        RedeemerConfig.settings(loaded);
        RedeemerConfig.credentials(loaded);
        var registry = Metrics.newRegistry();
        RedeemerService redeemer = RedeemerService.fromConfig(loaded, registry);
        TicketRedeemerServer grpc = TicketRedeemerServer.fromConfig(GrpcRedeemerConfig.load(source));
        return ServiceHost.run(List.of(redeemer, grpc, OpsOptions.server(loaded, registry, List.of(redeemer, grpc))));
    }
}
