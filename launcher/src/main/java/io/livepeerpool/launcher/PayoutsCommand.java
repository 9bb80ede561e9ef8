package io.livepeerpool.launcher;

import io.livepeerpool.payout.PayoutConfig;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool payouts}: the members' payout requests paid in ETH through PoolPayouts, exactly once, batched, with the
 * payout wallet (its key from {@code payout.walletKey.file} or a keystore file).
 */
@Command(name = "payouts", mixinStandardHelpOptions = true,
        description = {"Run the payout worker: pool.payout-requests paid on chain through PoolPayouts,",
            "outcomes with the chain's proof to pool.payouts. One instance per payout wallet."})
final class PayoutsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    /** The worker's keys and the ops listener's, each name once. */
    static List<ConfigKey<?>> declaredKeys() {
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        for (ConfigKey<?> key : PayoutConfig.keys()) {
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
        var loaded = Config.load(config.source().checkedAgainst(keys), keys);
        config.log("payouts", loaded);
        PayoutConfig.settings(loaded);
        PayoutConfig.credentials(loaded);
        var registry = Metrics.newRegistry();
        PayoutService payouts = PayoutService.fromConfig(loaded, registry);
        return ServiceHost.run(List.of(payouts, OpsOptions.server(loaded, registry, List.of(payouts))));
    }
}
