package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}, {@code GET /metrics} (Prometheus text) and {@code GET /openapi.json}. */
public final class OpsEndpoints {
    static final String OPENAPI_RESOURCE = "/io/livepeerpool/gateway/openapi.json";

    private final GatewayHealth health;
    private final PrometheusMeterRegistry registry;
    private final byte[] openApi;

    public OpsEndpoints(GatewayHealth health, PrometheusMeterRegistry registry) {
        this.health = health;
        this.registry = registry;
        this.openApi = openApiDocument();
    }

    public void getHealth(Context ctx) {
        Map<String, String> checks = health.check();
        boolean up = !checks.containsValue("DOWN");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        ctx.status(up ? 200 : 503).json(body);
    }

    public void getMetrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    public void getOpenApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    public GatewayHealth health() {
        return health;
    }

    public static byte[] openApiDocument() {
        try (InputStream in = OpsEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
