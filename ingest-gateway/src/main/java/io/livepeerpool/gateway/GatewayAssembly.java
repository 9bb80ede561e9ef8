package io.livepeerpool.gateway;

import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.chainwatcher.WatcherTopics;
import io.livepeerpool.chainwatcher.status.ChainStatus;
import io.livepeerpool.chainwatcher.status.StatusSettings;
import io.livepeerpool.gateway.auth.HmacVerifier;
import io.livepeerpool.gateway.auth.NonceWindow;
import io.livepeerpool.gateway.auth.OrchestratorKeys;
import io.livepeerpool.gateway.http.BenchAckedWrite;
import io.livepeerpool.gateway.http.CachedHealth;
import io.livepeerpool.gateway.http.GatewayHealth;
import io.livepeerpool.gateway.http.HttpMetrics;
import io.livepeerpool.gateway.http.OpsEndpoints;
import io.livepeerpool.gateway.http.RefusalLog;
import io.livepeerpool.gateway.http.SignedRequests;
import io.livepeerpool.gateway.jobs.CurrentRound;
import io.livepeerpool.gateway.jobs.JobEndpoints;
import io.livepeerpool.gateway.jobs.AcceptedJobsLog;
import io.livepeerpool.gateway.jobs.JobPublisher;
import io.livepeerpool.gateway.jobs.JobValidator;
import io.livepeerpool.gateway.payouts.PayoutSettingsEndpoints;
import io.livepeerpool.gateway.payouts.PayoutSettingsPublisher;
import io.livepeerpool.gateway.kafka.AckedProducer;
import io.livepeerpool.gateway.kafka.KafkaHealth;
import io.livepeerpool.gateway.kafka.ProducerSettings;
import io.livepeerpool.gateway.kafka.RecordEncoder;
import io.livepeerpool.gateway.kafka.GroupLimits;
import io.livepeerpool.gateway.kafka.TransactionMetrics;
import io.livepeerpool.gateway.kafka.TransactionalProducers;
import io.livepeerpool.gateway.reads.BalanceReads;
import io.livepeerpool.gateway.reads.JobReads;
import io.livepeerpool.gateway.reads.PayoutReads;
import io.livepeerpool.gateway.reads.ReadEndpoints;
import io.livepeerpool.gateway.reads.RewardReads;
import io.livepeerpool.gateway.dashboard.DashboardEndpoints;
import io.livepeerpool.gateway.dashboard.DashboardSettings;
import io.livepeerpool.gateway.dashboard.ServiceHealthBoard;
import io.livepeerpool.gateway.status.StatusEndpoint;
import io.livepeerpool.gateway.reads.SettlementReads;
import io.livepeerpool.gateway.reads.TranscoderEndpoints;
import io.livepeerpool.gateway.reads.TranscoderReads;
import io.livepeerpool.gateway.registration.RegistrationEndpoints;
import io.livepeerpool.gateway.registration.RegistrationPublisher;
import io.livepeerpool.gateway.registration.RegistrationValidator;
import io.livepeerpool.schemas.performance.PerformanceKeys;
import io.livepeerpool.schemas.rounds.RoundWindowKeys;
import io.livepeerpool.gateway.reads.WinningTicketEndpoints;
import io.livepeerpool.gateway.reads.WinningTicketReads;
import io.livepeerpool.gateway.tickets.TicketEndpoints;
import io.livepeerpool.gateway.tickets.TicketPublisher;
import io.livepeerpool.gateway.tickets.TicketValidator;
import io.livepeerpool.gateway.tls.PemCredentials;
import io.livepeerpool.platform.tls.SelfSignedCertificate;
import io.livepeerpool.platform.tls.TlsCredentials;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.ops.OpsServer;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The gateway's wiring, by hand: every collaborator built from the configuration and passed by constructor. The
 * resources opened here (registry client, producers, admin client, connection pool) are handed to the server,
 * which closes them; if building fails midway, those already opened are closed here.
 */
final class GatewayAssembly {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DB_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final int REGISTRY_ATTEMPTS_MAX = 2;
    private static final Duration ACCEPTED_LOG_INTERVAL = Duration.ofMinutes(1);
    /** How often a flood of refusals beyond gateway.log.refusalLinesPerSecond is summed up. */
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

    private GatewayAssembly() {
    }

    static GatewayServer build(Config config, PrometheusMeterRegistry registry) {
        GatewayConfig.validate(config);
        OrchestratorKeys keys = OrchestratorKeys.load(config.get(GatewayConfig.KEYS_FILE));
        TlsCredentials.Source tls = tlsSource(config);
        Clock clock = Clock.systemUTC();
        Duration ackTimeout = Duration.ofMillis(config.get(GatewayConfig.KAFKA_ACK_TIMEOUT_MS));
        String bootstrap = config.get(GatewayConfig.KAFKA_BOOTSTRAP_SERVERS);
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            SchemaRegistryClient schemas = own(owned, SchemaRegistryClient.connect(
                    config.get(GatewayConfig.SCHEMA_REGISTRY_URL), HEALTH_TIMEOUT, ackTimeout, REGISTRY_ATTEMPTS_MAX));
            ProducerSettings producers = new ProducerSettings(bootstrap, ackTimeout, "ingest-gateway",
                    config.get(GatewayConfig.KAFKA_LINGER_MS), config.get(GatewayConfig.KAFKA_MAX_IN_FLIGHT));
            AckedProducer single = own(owned, new AckedProducer(new KafkaProducer<>(producers.idempotent()), ackTimeout));
            TransactionalProducers batches = own(owned, new TransactionalProducers(
                    id -> new KafkaProducer<>(producers.transactional(id)),
                    config.get(GatewayConfig.KAFKA_TRANSACTIONAL_ID_PREFIX),
                    config.get(GatewayConfig.KAFKA_TRANSACTIONAL_PRODUCERS),
                    new GroupLimits(config.get(GatewayConfig.KAFKA_GROUP_MAX_RECORDS), config.get(GatewayConfig.KAFKA_GROUP_MAX_BYTES),
                            Duration.ofMillis(config.get(GatewayConfig.KAFKA_GROUP_MAX_WAIT_MS))),
                    ackTimeout, new TransactionMetrics(registry)));
            KafkaHealth kafkaHealth = own(owned, KafkaHealth.connect(bootstrap,
                    List.of(Topics.TRANSCODER_JOBS, Topics.WINNING_TICKETS), HEALTH_TIMEOUT));
            HikariDataSource db = own(owned, ReadModelDatabase.pool(config.get(GatewayConfig.DB_JDBC_URL),
                    config.get(GatewayConfig.DB_USER), config.get(GatewayConfig.DB_PASSWORD),
                    config.get(GatewayConfig.DB_CONNECTIONS_MAX), "ingest-gateway-reads",
                    Duration.ofMillis(config.get(GatewayConfig.DB_STATEMENT_TIMEOUT_MS))));
            db.setConnectionTimeout(DB_CONNECTION_TIMEOUT.toMillis());

            HttpMetrics metrics = new HttpMetrics(registry);
            RefusalLog refusals = own(owned, RefusalLog.started(
                    config.get(GatewayConfig.LOG_REFUSAL_LINES_PER_SECOND), REFUSAL_LOG_INTERVAL));
            CachedHealth health = new CachedHealth(new GatewayHealth(kafkaHealth::reachable, GatewayHealth.reachable(db)),
                    Duration.ofMillis(config.get(GatewayConfig.HEALTH_REFRESH_MS)));
            OpsServer ops = new OpsServer(config.get(OpsServer.HOST), config.get(OpsServer.PORT), registry, health::asBooleans);
            NonceWindow nonces = new NonceWindow(config.get(GatewayConfig.AUTH_NONCE_MEMORY_MAX_BYTES),
                    config.get(GatewayConfig.AUTH_CLOCK_SKEW_SECONDS));
            metrics.nonces(nonces);
            SignedRequests signed = new SignedRequests(new HmacVerifier(keys, nonces, clock,
                    config.get(GatewayConfig.AUTH_CLOCK_SKEW_SECONDS)), clock, refusals);
            JobPublisher jobPublisher = new JobPublisher(single, batches, new RecordEncoder<>(Topics.TRANSCODER_JOBS,
                    AvroSerde.forTopic(Topics.TRANSCODER_JOBS, schemas).serializer()));
            TicketPublisher ticketPublisher = new TicketPublisher(single, new RecordEncoder<>(Topics.WINNING_TICKETS,
                    AvroSerde.forTopic(Topics.WINNING_TICKETS, schemas).serializer()));
            DashboardSettings dashboard = DashboardSettings.from(config);
            ServiceHealthBoard board = own(owned, new ServiceHealthBoard(dashboard.services(), health::up,
                    Duration.ofMillis(config.get(GatewayConfig.HEALTH_REFRESH_MS)), clock));
            Optional<ChainStatus> chain = chainStatus(config, schemas, owned);
            GatewayRoutes.Handlers handlers = new GatewayRoutes.Handlers(
                    new JobEndpoints(signed, new JobValidator(config.get(GatewayConfig.MAX_PIXELS_PER_SECOND_PER_PROFILE),
                            config.get(RoundWindowKeys.RETAIN_ROUNDS)), jobPublisher, metrics, CurrentRound.of(chain),
                            own(owned, new AcceptedJobsLog(ACCEPTED_LOG_INTERVAL))),
                    new TicketEndpoints(signed, new TicketValidator(keys::isOrchestrator), ticketPublisher, metrics),
                    new ReadEndpoints(new ReadEndpoints.Reads(new JobReads(db, clock), new RewardReads(db, clock),
                            new SettlementReads(db), new PayoutReads(db, clock), new BalanceReads(db))),
                    new OpsEndpoints(health),
                    new StatusEndpoint(chain, dashboard.explorerTxUrl()),
                    config.get(GatewayConfig.BENCH_BASELINE) ? Optional.of(new BenchAckedWrite(single)) : Optional.empty(),
                    new WinningTicketEndpoints(new WinningTicketReads(db, clock)),
                    new DashboardEndpoints(board),
                    new RegistrationEndpoints(signed, new RegistrationValidator(), PerformanceKeys.policy(config),
                            new RegistrationPublisher(single, new RecordEncoder<>(Topics.TRANSCODER_REGISTRATIONS,
                                    AvroSerde.forTopic(Topics.TRANSCODER_REGISTRATIONS, schemas).serializer()))),
                    new TranscoderEndpoints(new TranscoderReads(db, clock)),
                    new PayoutSettingsEndpoints(new PayoutSettingsEndpoints.Policy(config.get(GatewayConfig.CHAIN_ID),
                            config.get(GatewayConfig.POOL_PAYOUT_THRESHOLD_WEI)), db, new PayoutSettingsPublisher(single,
                            new RecordEncoder<>(Topics.PAYOUT_SETTINGS,
                                    AvroSerde.forTopic(Topics.PAYOUT_SETTINGS, schemas).serializer())), clock));
            String host = config.get(GatewayConfig.HOST);
            GatewayServer.Listen listen = new GatewayServer.Listen(host, config.get(GatewayConfig.PORT),
                    publicHost(host, config.get(GatewayConfig.DNS_NAME)));
            GatewayServer.HttpLimits limits = new GatewayServer.HttpLimits(config.get(GatewayConfig.HTTP_THREADS_MAX),
                    config.get(GatewayConfig.HTTP_QUEUE_MAX));
            return new GatewayServer(listen, limits, tls, keys, handlers, metrics, refusals, ops, () -> Topics.registerAll(schemas),
                    owned, dashboard.enabled());
        } catch (RuntimeException e) {
            GatewayServer.closeAll(owned);
            throw e;
        }
    }

    /**
     * The chain status /status shows and the job path takes the current round from, when a chain is configured; it
     * shares the gateway's registry client.
     */
    private static Optional<ChainStatus> chainStatus(Config config, SchemaRegistryClient schemas, List<AutoCloseable> owned) {
        String rpcUrl = config.get(GatewayConfig.CHAIN_RPC_URL);
        if (rpcUrl.isBlank()) {
            return Optional.empty();
        }
        StatusSettings settings = new StatusSettings(rpcUrl, ChainWatcherConfig.contracts(config),
                config.get(ChainWatcherConfig.CONFIRMATIONS), config.get(GatewayConfig.KAFKA_BOOTSTRAP_SERVERS),
                WatcherTopics.catalogue().cursor().name(), config.get(ChainWatcherConfig.WATCHER_ID),
                StatusSettings.RPC_TIMEOUT_DEFAULT, StatusSettings.KAFKA_TIMEOUT_DEFAULT, StatusSettings.CACHE_TTL_DEFAULT);
        return Optional.of(own(owned, ChainStatus.create(settings, schemas)));
    }

    /** PEM files are read once, now (fail fast); a self-signed certificate is made at each start. */
    private static TlsCredentials.Source tlsSource(Config config) {
        String certFile = config.get(GatewayConfig.TLS_CERT_FILE);
        if (certFile.isBlank()) {
            String dnsName = config.get(GatewayConfig.DNS_NAME);
            return () -> SelfSignedCertificate.generate(dnsName, Instant.now());
        }
        TlsCredentials pem = PemCredentials.load(Path.of(certFile), Path.of(config.get(GatewayConfig.TLS_KEY_FILE)));
        return () -> pem;
    }

    /** What clients use in the URL: the DNS name when bound to every interface. */
    private static String publicHost(String host, String dnsName) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? dnsName : host;
    }

    private static <T extends AutoCloseable> T own(List<AutoCloseable> owned, T resource) {
        owned.add(resource);
        return resource;
    }
}
