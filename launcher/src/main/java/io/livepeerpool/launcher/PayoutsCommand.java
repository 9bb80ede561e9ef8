package io.livepeerpool.launcher;

import io.livepeerpool.payout.PayoutConfig;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.payout.fees.FeeWithdrawalConfig;
import io.livepeerpool.payout.fees.FeeWithdrawalService;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool payouts}: the members' payout requests paid in ETH through PoolPayouts, exactly once, batched, with the
 * payout wallet (its key from {@code payout.walletKey.file} or a keystore file).
 */
@Command(name = "payouts", mixinStandardHelpOptions = true, subcommands = PayoutsDeployCommand.class,
        description = {"Run the payout worker: pool.payout-requests paid on chain through PoolPayouts,",
            "outcomes with the chain's proof to pool.payouts. One instance per payout wallet."})
final class PayoutsCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    /** The worker's keys, the fee withdrawer's and the ops listener's, each name once. */
    @Override
    public List<ConfigKey<?>> declaredKeys() {
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        for (ConfigKey<?> key : PayoutConfig.keys()) {
            keys.putIfAbsent(key.name(), key);
        }
        for (ConfigKey<?> key : FeeWithdrawalConfig.keys()) {
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
        var loaded = Config.load(config.source(), keys);
        config.log("payouts", loaded);
        PayoutConfig.settings(loaded);
        Address payoutWallet = Address.parse(PayoutConfig.credentials(loaded).getAddress());
        var registry = Metrics.newRegistry();
        PayoutService payouts = PayoutService.fromConfig(loaded, registry);
        // the fee withdrawer funds the payout wallet from the orchestrator's fees (payout.feeWithdrawal.enabled)
        List<Service> services = new ArrayList<>(List.of(payouts));
        FeeWithdrawalService.fromConfig(loaded, Optional.of(payoutWallet), registry).ifPresent(services::add);
        List<Service> all = new ArrayList<>(services);
        all.add(OpsOptions.server(loaded, registry, services));
        return ServiceHost.run(all);
    }
}
