package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /bench/baseline}: the bare HTTPS endpoint the ingest benchmark measures its baseline against. It does
 * what every write does before the real work (TLS, HTTP, reading the JSON body) and nothing else: no signature
 * check, no validation, no Kafka. Off unless {@code gateway.benchBaseline=true}; it writes nothing anywhere.
 */
public final class BenchBaseline {
    private static final Map<String, String> ACCEPTED = Map.of("status", "accepted");

    private BenchBaseline() {
    }

    public static void accept(Context ctx) {
        ctx.bodyAsBytes();
        ctx.status(202).json(ACCEPTED);
    }
}
