package io.livepeerpool.launcher;

import io.livepeerpool.launcher.ledger.LedgerCommand;
import io.livepeerpool.launcher.topics.TopicsCreateCommand;
import io.livepeerpool.platform.config.ConfigKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of every {@code pool} service: the union of what each {@link ServiceCommand} declares. A
 * configuration file is checked against all of them once ({@link ConfigOptions#source()}), so one file can configure
 * the whole pool ({@code pool dev} writes such a {@code pool.properties}) and each command reads its part, while a
 * key no service knows (a typo) is still refused. A new service command goes in {@link #services()}.
 */
public final class PoolKeys {
    private PoolKeys() {
    }

    /** One instance of each deployable's command, for its declared keys only (never run). */
    static List<ServiceCommand> services() {
        return List.of(new ProjectorCommand(), new LedgerCommand(), new ChainWatcherCommand(), new GatewayCommand(),
                new RedeemerCommand(), new MaxFloatCommand(), new PerformanceCommand(), new PayoutsCommand(),
                new TopicsCreateCommand());
    }

    public static List<ConfigKey<?>> all() {
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        for (ServiceCommand service : services()) {
            service.declaredKeys().forEach(key -> keys.putIfAbsent(key.name(), key));
        }
        OpsOptions.KEYS.forEach(key -> keys.putIfAbsent(key.name(), key));
        return List.copyOf(keys.values());
    }
}
