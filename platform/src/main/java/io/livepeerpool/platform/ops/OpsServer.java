package io.livepeerpool.platform.ops;

import io.javalin.Javalin;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.lifecycle.Service;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The plain-HTTP operations listener every service has, meant for a private address (the default is loopback):
 * <ul>
 *   <li>{@code GET /health/live}: 200 {@code {"status":"UP"}} while the process answers; restart it when this fails;</li>
 *   <li>{@code GET /health/ready} and {@code GET /health}: 200 or 503 with each check's state ({@code UP}/{@code DOWN});
 *       take the instance out of traffic while it is 503;</li>
 *   <li>{@code GET /metrics}: Prometheus text.</li>
 * </ul>
 * Services with a public HTTP API (the gateway) keep only a cached minimal liveness answer on their public port.
 */
public final class OpsServer implements Service {
    public static final ConfigKey<String> HOST = ConfigKey.string("ops.host", "127.0.0.1",
            "interface of the ops listener (/health, /health/ready, /health/live, /metrics); keep it private: loopback"
                    + " or the cluster-internal address Prometheus scrapes");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("ops.port", 9400, 0, 65_535,
            "port of the ops listener (0 picks a free one, see the start log)");
    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT);

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Map<String, Boolean>> checks;
    private Javalin app;

    /** Ready when every check is true; each is named in the detailed answer. */
    public OpsServer(String host, int port, PrometheusMeterRegistry registry, Supplier<Map<String, Boolean>> checks) {
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.checks = checks;
    }

    /** From the {@link #KEYS}; ready when every watched service is healthy. */
    public static OpsServer forServices(Config config, PrometheusMeterRegistry registry, List<? extends Service> watched) {
        List<Service> services = List.copyOf(watched);
        return new OpsServer(config.get(HOST), config.get(PORT), registry, () -> {
            Map<String, Boolean> states = new LinkedHashMap<>();
            services.forEach(s -> states.put(s.name(), s.healthy()));
            return states;
        });
    }

    @Override
    public String name() {
        return "ops endpoint";
    }

    @Override
    public void start() {
        app = Javalin.create(c -> {
                    c.showJavalinBanner = false;
                    c.startupWatcherEnabled = false;
                })
                .get("/health", ctx -> ready(ctx))
                .get("/health/ready", ctx -> ready(ctx))
                .get("/health/live", ctx -> ctx.json(Map.of("status", "UP")))
                .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()))
                .start(host, port);
        LoggerFactory.getLogger(OpsServer.class).info("ops endpoint on http://{}:{} (/health, /health/ready, /health/live,"
                + " /metrics)", host, app.port());
    }

    private void ready(io.javalin.http.Context ctx) {
        Map<String, String> states = new LinkedHashMap<>();
        checks.get().forEach((name, up) -> states.put(name, up ? "UP" : "DOWN"));
        boolean up = !states.containsValue("DOWN");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", states);
        ctx.status(up ? 200 : 503).json(body);
    }

    public int port() {
        return app.port();
    }

    @Override
    public boolean healthy() {
        return app != null;
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
