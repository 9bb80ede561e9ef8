package io.livepeerpool.platform.ops;

import io.javalin.Javalin;
import io.livepeerpool.platform.lifecycle.Service;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Plain-HTTP operations endpoint for services that have no public HTTP API of their own (projector, ledger,
 * workers): {@code GET /health} (200 or 503 with each service's state) and {@code GET /metrics} (Prometheus).
 */
public final class OpsServer implements Service {
    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final Supplier<List<Service>> services;
    private Javalin app;

    public OpsServer(String host, int port, PrometheusMeterRegistry registry, Supplier<List<Service>> services) {
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.services = services;
    }

    @Override
    public String name() {
        return "ops endpoint";
    }

    @Override
    public void start() {
        app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/health", ctx -> {
                    Map<String, String> states = health(services.get());
                    boolean up = !states.containsValue("DOWN");
                    ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "services", states));
                })
                .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(registry.scrape()))
                .start(host, port);
        LoggerFactory.getLogger(OpsServer.class).info("ops endpoint on http://{}:{} (/health, /metrics)", host, app.port());
    }

    public int port() {
        return app.port();
    }

    public static Map<String, String> health(List<Service> services) {
        Map<String, String> states = new LinkedHashMap<>();
        for (Service s : services) {
            states.put(s.name(), s.healthy() ? "UP" : "DOWN");
        }
        return states;
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
