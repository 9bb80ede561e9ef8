package io.livepeerpool.launcher;

import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.gateway.GatewayConfig;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.maxfloat.MaxFloatConfig;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.redeemer.RedeemerConfig;
import io.livepeerpool.redeemer.grpc.GrpcRedeemerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of every {@code pool} service. A configuration file is checked against all of them once
 * ({@link ConfigOptions#source()}), so one file can configure the whole pool ({@code pool dev} writes such a
 * {@code pool.properties}) and each command reads its part, while a key no service knows (a typo) is still refused.
 * Add a new service's keys here.
 */
public final class PoolKeys {
    private PoolKeys() {
    }

    public static List<ConfigKey<?>> all() {
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        for (List<? extends ConfigKey<?>> part : List.of(ProjectorConfig.KEYS, LedgerConfig.KEYS,
                ChainWatcherConfig.keys(), GatewayConfig.keys(), RedeemerConfig.keys(), GrpcRedeemerConfig.KEYS,
                MaxFloatConfig.KEYS, OpsOptions.KEYS)) {
            part.forEach(key -> keys.putIfAbsent(key.name(), key));
        }
        return List.copyOf(keys.values());
    }
}
