package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.platform.lifecycle.ServiceRunner;
import io.livepeerpool.platform.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The keys every service process shares: where it serves {@code /health}, {@code /health/ready}, {@code /health/live}
 * and {@code /metrics}, and how long each service may take to stop.
 */
public final class OpsOptions {
    public static final ConfigKey<String> HOST = OpsServer.HOST;
    public static final ConfigKey<Integer> PORT = OpsServer.PORT;
    public static final List<ConfigKey<?>> KEYS = List.of(OpsServer.HOST, OpsServer.PORT, ServiceRunner.STOP_TIMEOUT_MS);

    private OpsOptions() {
    }

    public static OpsServer server(Config config, PrometheusMeterRegistry registry, List<? extends Service> watched) {
        return OpsServer.forServices(config, registry, watched);
    }
}
