package io.livepeerpool.launcher.ledger;

import io.livepeerpool.launcher.ConfigOptions;
import io.livepeerpool.launcher.OpsOptions;
import io.livepeerpool.launcher.ServiceCommand;
import io.livepeerpool.launcher.ServiceHost;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.LedgerService;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.ops.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool ledger}: the ledger's Kafka Streams application as its own process; start more with the same
 * {@code ledger.applicationId} to scale out. {@code pool ledger replay} is the offline auditor's tool.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = {"Run the ledger (Kafka Streams, exactly-once): weights, settlement, balances, payout requests.",
            "Start more instances with the same ledger.applicationId to scale out."},
        subcommands = {LedgerReplayCommand.class, LedgerExportCommand.class, LedgerAuditCommand.class})
public final class LedgerCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>(LedgerConfig.KEYS);
        keys.addAll(OpsOptions.KEYS);
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        var loaded = config.load("ledger", declaredKeys());
        var registry = Metrics.newRegistry();
        LedgerService ledger = LedgerService.fromConfig(loaded, registry);
        return ServiceHost.run(List.of(ledger, OpsOptions.server(loaded, registry, List.of(ledger))), loaded);
    }
}
