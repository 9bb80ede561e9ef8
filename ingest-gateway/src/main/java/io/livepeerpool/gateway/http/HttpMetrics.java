package io.livepeerpool.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's meters: {@code gateway_requests_seconds{route,method,status}}, {@code gateway_jobs_accepted_total},
 * {@code gateway_tickets_accepted_total}, {@code gateway_rejected_total{reason}}. Route is the endpoint's path
 * template or {@code unmatched}, never the raw path, so unknown URLs cannot blow up the label set.
 */
public final class HttpMetrics {
    private final MeterRegistry registry;
    private final Counter jobsAccepted;
    private final Counter ticketsAccepted;
    /**
     * Timers by label set, built once each: building one per request (tags sorted into a new id, then looked up in
     * the registry) showed in every request's profile. Bounded like the labels: routes x methods x statuses.
     */
    private final Map<TimerKey, Timer> requestTimers = new ConcurrentHashMap<>();
    /** Likewise by reason: refusals come at the request rate under a flood of bad requests. */
    private final Map<String, Counter> rejectedCounters = new ConcurrentHashMap<>();

    private record TimerKey(String route, String method, int status) {
    }

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.jobsAccepted = Counter.builder("gateway.jobs.accepted")
                .description("Transcoder jobs acknowledged by Kafka").register(registry);
        this.ticketsAccepted = Counter.builder("gateway.tickets.accepted")
                .description("Winning tickets acknowledged by Kafka").register(registry);
    }

    public void request(String route, String method, int status, Duration latency) {
        requestTimers.computeIfAbsent(new TimerKey(route, method, status), key -> Timer.builder("gateway.requests")
                .description("HTTP requests by route, method and status")
                .tag("route", key.route()).tag("method", key.method()).tag("status", Integer.toString(key.status()))
                .register(registry)).record(latency);
    }

    public void rejected(String reason) {
        rejectedCounters.computeIfAbsent(reason, key -> Counter.builder("gateway.rejected")
                .description("Requests refused, by reason").tag("reason", key).register(registry)).increment();
    }

    public void jobsAccepted(int count) {
        jobsAccepted.increment(count);
    }

    public void ticketAccepted() {
        ticketsAccepted.increment();
    }

    /** {@code gateway_nonces_remembered} and {@code gateway_nonce_memory_bytes} (with its cap as {@code ..._max_bytes}). */
    public void nonces(io.livepeerpool.gateway.auth.NonceWindow window) {
        io.micrometer.core.instrument.Gauge.builder("gateway.nonces.remembered", window, w -> w.size())
                .description("Nonces remembered in the replay window").register(registry);
        io.micrometer.core.instrument.Gauge.builder("gateway.nonce.memory.bytes", window, w -> w.memoryBytes())
                .description("Memory of the nonce store; at gateway_nonce_memory_max_bytes signed writes get 503")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("gateway.nonce.memory.max.bytes", window, w -> w.memoryMaxBytes())
                .description("Cap of the nonce store (gateway.auth.nonceMemoryMaxBytes)").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
