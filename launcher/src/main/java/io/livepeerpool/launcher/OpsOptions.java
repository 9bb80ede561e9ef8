package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.platform.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/** Where a service without its own HTTP API serves {@code /health} and {@code /metrics}. */
public final class OpsOptions {
    public static final ConfigKey<String> HOST = ConfigKey.string("ops.host", "0.0.0.0", "interface of the /health and /metrics endpoint");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("ops.port", 9400, 0, 65_535,
            "port of the /health and /metrics endpoint (0 picks a free one)");
    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT);

    private OpsOptions() {
    }

    public static OpsServer server(Config config, PrometheusMeterRegistry registry, List<? extends Service> watched) {
        List<Service> services = List.copyOf(watched);
        return new OpsServer(config.get(HOST), config.get(PORT), registry, () -> services);
    }
}
