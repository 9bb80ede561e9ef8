package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The public port's operational answers: {@code GET /health} and {@code GET /health/live} (minimal, from the cached
 * checks: never a Kafka or database call per request) and {@code GET /openapi.json}. Details and metrics are on the
 * ops listener ({@code ops.host}:{@code ops.port}), meant for a private address.
 */
public final class OpsEndpoints {
    static final String OPENAPI_RESOURCE = "/io/livepeerpool/gateway/openapi.json";
    private static final Map<String, String> UP = Map.of("status", "UP");
    private static final Map<String, String> DOWN = Map.of("status", "DOWN");

    private final CachedHealth health;
    private final byte[] openApi;

    public OpsEndpoints(CachedHealth health) {
        this.health = health;
        this.openApi = openApiDocument();
    }

    /** 200 {"status":"UP"} when the last checks passed, else 503 {"status":"DOWN"}; which check failed is private. */
    public void getHealth(Context ctx) {
        boolean up = health.up();
        ctx.status(up ? 200 : 503).json(up ? UP : DOWN);
    }

    /** 200 while the server answers: the liveness probe. */
    public void getLive(Context ctx) {
        ctx.json(UP);
    }

    public void getOpenApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    public CachedHealth health() {
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
