package io.livepeerpool.gateway;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.livepeerpool.gateway.auth.OrchestratorKeys;
import io.livepeerpool.gateway.dashboard.DashboardFiles;
import io.livepeerpool.gateway.http.ErrorMapping;
import io.livepeerpool.gateway.http.HttpMetrics;
import io.livepeerpool.gateway.http.JsonErrorHandler;
import io.livepeerpool.gateway.http.RequestTarget;
import io.livepeerpool.gateway.http.RequestBody;
import io.livepeerpool.gateway.http.RefusalLog;
import io.livepeerpool.gateway.http.RequestIds;
import io.livepeerpool.gateway.tls.HttpsConnector;
import io.livepeerpool.platform.tls.TlsCredentials;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.platform.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest gateway: one HTTPS port serving the routes of {@link GatewayRoutes}. Built from its collaborators
 * (see {@link #fromConfig}); owns and closes the resources passed as {@code owned}. Single use: start once, close
 * once; a restart is a new instance (and, when self-signed, a new certificate).
 */
public final class GatewayServer implements Service {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    /**
     * Where to listen, and the host name clients use (for the logged URL).
     */
    public record Listen(String host, int port, String publicHost) {
    }

    /**
     * Jetty's bounds: at most {@code threadsMax} threads and {@code queueMax} requests waiting for one; past that Jetty
     * refuses new work rather than queueing without bound.
     */
    public record HttpLimits(int threadsMax, int queueMax) {
    }

    private final Listen listen;
    private final TlsCredentials.Source tlsSource;
    private final OrchestratorKeys keys;
    private final GatewayRoutes.Handlers handlers;
    private final HttpMetrics metrics;
    private final RefusalLog refusals;
    private final List<AutoCloseable> owned;
    private final Runnable preflight;
    private final HttpLimits limits;
    private final OpsServer ops;
    private final boolean dashboard;
    private volatile Javalin app;
    private volatile ServerConnector connector;
    private volatile TlsCredentials tls;
    private boolean closed;

    /**
     * @param preflight run at {@link #start()} before the port opens; throws to refuse to start (the factory's
     *                  registers the topics' schemas, so an incompatible schema stops the gateway before traffic)
     * @param owned     closed, in reverse order, when the server closes
     */
    public GatewayServer(Listen listen, HttpLimits limits, TlsCredentials.Source tlsSource, OrchestratorKeys keys,
                         GatewayRoutes.Handlers handlers, HttpMetrics metrics, RefusalLog refusals, OpsServer ops,
                         Runnable preflight, List<AutoCloseable> owned, boolean dashboard) {
        this.dashboard = dashboard;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ops = Objects.requireNonNull(ops, "ops");
        this.listen = Objects.requireNonNull(listen, "listen");
        this.tlsSource = Objects.requireNonNull(tlsSource, "tlsSource");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.preflight = Objects.requireNonNull(preflight, "preflight");
        this.owned = List.copyOf(owned);
    }

    /** A gateway with its own Prometheus registry. */
    public static GatewayServer fromConfig(Config config) {
        return fromConfig(config, Metrics.newRegistry());
    }

    /**
     * Builds every collaborator from a configuration loaded with {@link GatewayConfig#keys()} (see
     * {@link GatewayAssembly}). Fails fast on the keys file, the PEM files and an unreachable database;
     * {@link #start()} registers the schemas (registry reachable, schemas compatible); Kafka is reached on first
     * use and watched by {@code /health}.
     */
    public static GatewayServer fromConfig(Config config, PrometheusMeterRegistry registry) {
        return GatewayAssembly.build(config, registry);
    }

    @Override
    public String name() {
        return "ingest gateway";
    }

    @Override
    public synchronized void start() {
        if (app != null || closed) {
            throw new IllegalStateException("a gateway starts once; build a new one to restart");
        }
        Javalin created = null;
        try {
            preflight.run();
            tls = tlsSource.credentials();
            handlers.ops().health().start();
            handlers.dashboard().start();
            ops.start();
            created = Javalin.create(this::configure);
            created.before(RequestIds::assign);
            created.after(ctx -> RequestIds.clear());
            created.before(RequestTarget::requireNoDotSegments);
            for (Endpoint endpoint : endpoints()) {
                created.addEndpoint(endpoint);
                if (endpoint.getMethod() == HandlerType.GET) {
                    // HEAD answers what GET would (status, type, length); Jetty sends no body. Javalin's own HEAD
                    // for a GET route would answer 200 text/plain without running it.
                    created.addEndpoint(new Endpoint(HandlerType.HEAD, endpoint.getPath(), endpoint.getHandler()));
                }
            }
            ErrorMapping.install(created, metrics, refusals, endpoints());
            created.start();
        } catch (RuntimeException e) {
            // registry refused, port taken...: release producers and pools too, a runner does not close a failed start
            if (created != null) {
                created.stop();
            }
            close();
            throw e;
        }
        app = created;
        log.info("ingest gateway listening on {}; TLS certificate {} SHA-256 {}; {} HMAC keys for {} orchestrators",
                url(), tls.origin(), tls.fingerprint(), keys.size(), keys.orchestrators().size());
    }

    private void configure(JavalinConfig config) {
        JsonErrorHandler errors = new JsonErrorHandler(metrics);
        config.showJavalinBanner = false;
        config.startupWatcherEnabled = false;
        config.http.maxRequestSize = RequestBody.MAX_BYTES;
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        if (dashboard) {
            if (DashboardFiles.built()) {
                DashboardFiles.serve(config);
            } else {
                log.warn("dashboard.enabled but this build carries no dashboard (ingest-gateway built without npm?):"
                        + " / answers 404");
            }
        }
        QueuedThreadPool threads = new QueuedThreadPool(limits.threadsMax(), Math.min(8, limits.threadsMax()), 60_000,
                -1, new BlockingArrayQueue<>(limits.queueMax()), null);
        threads.setName("gateway-http");
        config.jetty.threadPool = threads;
        // what Jetty refuses before a route runs (bad request line, URI, headers) is JSON too
        config.jetty.modifyServer(server -> server.setErrorHandler(errors));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
        config.jetty.addConnector((server, httpConfiguration) -> {
            connector = HttpsConnector.create(server, httpConfiguration, tls, listen.host(), listen.port());
            connector.addBean(errors.failureListener()); // tells the error handler which part the parser refused
            return connector;
        });
        config.requestLogger.http((ctx, ms) -> {
            metrics.request(route(ctx), ctx.method().name(), ctx.statusCode(), Duration.ofNanos((long) (ms * 1_000_000)));
            RequestIds.clear();
        });
    }

    /** The matched endpoint's path, or "unmatched": never the raw path, which would let clients mint labels. */
    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            // with a before-handler registered Javalin reports an unmatched request with a sentence, not a path
            return path == null || !path.startsWith("/") ? "unmatched" : path;
        } catch (RuntimeException noEndpoint) {
            return "unmatched";
        }
    }

    /** Every endpoint this server registers. */
    public List<Endpoint> endpoints() {
        return GatewayRoutes.routes(handlers);
    }

    /** The bound port (the real one when configured as 0); only after {@link #start()}. */
    public int port() {
        requireStarted();
        return connector.getLocalPort();
    }

    /** {@code https://<dnsName or host>:<port>}. */
    public String url() {
        return "https://" + listen.publicHost() + ":" + port();
    }

    /** SHA-256 of the certificate served since the last start, as uppercase hex pairs joined by colons. */
    public String certificateFingerprint() {
        requireStarted();
        return tls.fingerprint();
    }

    /** The certificate served since the last start (for clients and tests that trust exactly it). */
    public X509Certificate certificate() {
        requireStarted();
        return tls.certificate();
    }

    /** The ops listener's port (metrics, detailed health); only after {@link #start()}. */
    public int opsPort() {
        requireStarted();
        return ops.port();
    }

    @Override
    public boolean healthy() {
        return app != null && handlers.ops().health().up();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Javalin running = app;
        app = null;
        if (running != null) {
            running.stop();
        }
        ops.close();
        handlers.ops().health().close();
        closeAll(owned);
    }

    private void requireStarted() {
        if (app == null || connector == null) {
            throw new IllegalStateException("the gateway is not started");
        }
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
