package io.livepeerpool.launcher.dev;

import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chainwatcher.ChainWatcher;
import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.DevstackOptions;
import io.livepeerpool.gateway.GatewayConfig;
import io.livepeerpool.gateway.GatewayServer;
import io.livepeerpool.ledger.projector.Projector;
import io.livepeerpool.ledger.projector.ProjectorConfig;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.LedgerService;
import io.livepeerpool.payout.PayoutConfig;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.payout.fees.FeeWithdrawalConfig;
import io.livepeerpool.payout.fees.FeeWithdrawalService;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.lifecycle.ServiceRunner;
import io.livepeerpool.redeemer.RedeemerConfig;
import io.livepeerpool.redeemer.RedeemerService;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.redeemer.grpc.GrpcRedeemerConfig;
import io.livepeerpool.redeemer.grpc.TicketRedeemerServer;
import io.livepeerpool.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool dev}: the whole pool in one process on the embedded devstack: Kafka, Schema Registry, PostgreSQL and
 * a dev chain with Livepeer-compatible contracts, plus the projector, the ledger, the chain watcher and the gateway.
 * Everything persistent lives in the data dir, so a restart keeps topics, rows, the dev orchestrator's key and the
 * chain itself (anvil's state: blocks, balances, contracts, rounds), which the watcher's cursor and the max float
 * state go on from.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run the whole pool on this machine: embedded Kafka, Schema Registry, PostgreSQL, a dev chain and every service.",
        subcommands = {AdvanceRoundCommand.class})
public final class DevCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DevCommand.class);
    /** A transcoder address for the printed example: any address works, jobs name the transcoder that did them. */
    private static final String EXAMPLE_TRANSCODER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".pool-dev",
            description = "Where all state lives (default: ${DEFAULT-VALUE}); reuse it to keep data across restarts.")
    Path dataDir;

    @Option(names = "--gateway-port", paramLabel = "N", defaultValue = "8443",
            description = "HTTPS port of the gateway (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int gatewayPort;

    @Option(names = "--redeemer-port", paramLabel = "N", defaultValue = "8935",
            description = "gRPC port of the TicketRedeemer for go-livepeer's -redeemerAddr (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int redeemerPort;

    @Option(names = "--chain-port", paramLabel = "N", defaultValue = "0",
            description = "JSON-RPC port of the dev chain (default: a free port).")
    int chainPort;

    @Option(names = "--simulate", description = {"Run a small simulated pool in it: transcoders registered with varied"
            + " benchmarks (one turns slow), signed jobs posted continuously, a broadcaster's real tickets (a few win"
            + " each round) and a new round every --round-seconds. Open the dashboard (the gateway URL) to watch."})
    boolean simulate;

    @Option(names = "--round-seconds", paramLabel = "S", defaultValue = "60",
            description = "With --simulate: seconds between rounds (default: ${DEFAULT-VALUE}).")
    int roundSeconds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a service configuration key (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    private volatile ServiceRunner runner;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir.toAbsolutePath().normalize();
        KeptChain.requireChainOf(dir);
        // The devstack is started first, so the runner stops it last: every service stops before the infrastructure
        // it uses (the gateway, the watcher, the ledger, the projector; then Kafka, PostgreSQL, the registry, the chain).
        try (ServiceRunner runner = new ServiceRunner(stopTimeout())) {
            this.runner = runner;
            DevstackService devstack = new DevstackService(DevstackOptions.defaults(dir).withChain(chainPort));
            runner.start(List.of(devstack));
            Devstack infra = devstack.devstack();
            DevNetwork chain = infra.chain().orElseThrow();
            infra.createTopics(Topics.newTopics(0, (short) 1));

            DevKeys.DevKey key = DevKeys.loadOrCreate(dir.resolve("orchestrator-keys.json"),
                    chain.accounts().orchestrator().address().hex());
            // One ops endpoint watches every dev service; the dashboard shows each of them from its checks.
            int servicesOpsPort = io.livepeerpool.platform.net.FreePort.pick();
            Map<String, String> settings = serviceSettings(infra, chain, dir);
            settings.put("dashboard.services", "pool-dev=http://127.0.0.1:" + servicesOpsPort);
            // One source for every service: every key checked once against all of theirs (an unknown --set refused)
            ConfigSource source = ConfigSource.of(settings).withOverrides(overrides).checkedAgainst(allKeys());
            Map<String, String> written = new LinkedHashMap<>(settings);
            written.putAll(overrides);
            PoolProperties.write(dir, written);
            var registry = Metrics.newRegistry();
            Projector projector = Projector.fromConfig(Config.load(source, ProjectorConfig.KEYS), registry);
            LedgerService ledger = LedgerService.fromConfig(Config.load(source, LedgerConfig.KEYS), registry);
            ChainWatcher watcher = ChainWatcher.fromConfig(ChainWatcherConfig.load(source), registry);
            GatewayServer gateway = GatewayServer.fromConfig(GatewayConfig.load(source), registry);
            RedeemerService redeemer = RedeemerService.fromConfig(RedeemerConfig.load(source), registry);
            var maxFloat = io.livepeerpool.ledger.streams.maxfloat.MaxFloatService.fromConfig(
                    Config.load(source, io.livepeerpool.ledger.streams.maxfloat.MaxFloatConfig.KEYS), registry);
            TicketRedeemerServer redeemerGrpc = TicketRedeemerServer.fromConfig(GrpcRedeemerConfig.load(source));
            var performance = io.livepeerpool.ledger.streams.performance.PerformanceService.fromConfig(
                    Config.load(source, io.livepeerpool.ledger.streams.performance.PerformanceConfig.KEYS), registry);
            PayoutService payouts = PayoutService.fromConfig(PayoutConfig.load(source), registry);
            List<io.livepeerpool.platform.lifecycle.Service> services = new java.util.ArrayList<>(
                    List.of(projector, ledger, watcher, gateway, maxFloat, performance, redeemer, redeemerGrpc, payouts));
            FeeWithdrawalService.fromConfig(FeeWithdrawalConfig.load(source),
                    java.util.Optional.of(chain.accounts().payout().address()), registry).ifPresent(services::add);
            runner.start(services);
            runner.start(List.of(new io.livepeerpool.platform.ops.OpsServer("127.0.0.1", servicesOpsPort, registry, () -> {
                Map<String, Boolean> states = new LinkedHashMap<>();
                services.forEach(s -> states.put(s.name(), s.healthy()));
                return states;
            })));

            DevCredentials credentials = credentials(infra, chain, gateway, key, writeCertificate(dir, gateway.certificate()),
                    redeemerGrpc.address());
            credentials.write(dir);
            printWelcome(credentials, dir);
            if (simulate) {
                if (roundSeconds < 5) {
                    throw new io.livepeerpool.launcher.UserInputException("--round-seconds must be at least 5, got " + roundSeconds);
                }
                runner.start(List.of(new io.livepeerpool.launcher.dev.simulate.Simulation(
                        io.livepeerpool.launcher.dev.simulate.SimulationPlan.standard(Duration.ofSeconds(60), System.nanoTime()),
                        chain, credentials, Duration.ofSeconds(roundSeconds))));
                System.out.println("  Simulating a pool: open " + credentials.gatewayUrl() + "/ (the dashboard)");
                System.out.println();
            }
            runner.awaitShutdown();
        }
        return 0;
    }

    /** service.stopTimeoutMs from --set (the other keys come later, once the devstack has given its addresses). */
    private Duration stopTimeout() {
        String text = overrides.get(ServiceRunner.STOP_TIMEOUT_MS.name());
        return text == null ? ServiceRunner.STOP_TIMEOUT_DEFAULT
                : Duration.ofMillis(Config.load(ConfigSource.of(Map.of(ServiceRunner.STOP_TIMEOUT_MS.name(), text)),
                        List.of(ServiceRunner.STOP_TIMEOUT_MS)).get(ServiceRunner.STOP_TIMEOUT_MS));
    }

    /** Every key of the services {@code pool dev} runs. */
    static List<ConfigKey<?>> allKeys() {
        return io.livepeerpool.launcher.PoolKeys.all();
    }

    /** Stops a running {@code pool dev} as SIGTERM would (for tests that run it in-process). */
    void stop() {
        ServiceRunner r = runner;
        if (r != null) {
            r.close();
        }
    }

    private Map<String, String> serviceSettings(Devstack infra, DevNetwork chain, Path dir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrapServers", infra.bootstrapServers());
        settings.put("schemaRegistry.url", infra.schemaRegistryUrl());
        settings.put("db.jdbcUrl", infra.jdbcUrl());
        settings.put("db.user", infra.jdbcUser());
        settings.put("db.password", infra.jdbcPassword());
        settings.put("gateway.host", "127.0.0.1");
        settings.put("gateway.dnsName", "localhost");
        settings.put("gateway.port", Integer.toString(gatewayPort));
        settings.put("gateway.keysFile", dir.resolve("orchestrator-keys.json").toString());
        settings.put("gateway.kafka.transactionalIdPrefix", "dev-gateway");
        settings.put("gateway.benchBaseline", "true");
        settings.put("ops.port", "0"); // the gateway's ops listener (metrics, readiness) on a free loopback port
        settings.put("ledger.stateDir", dir.resolve("ledger-state").toString());
        settings.put("chain.rpcUrl", chain.chain().rpcUrl());
        settings.put("chain.ticketBroker", chain.contracts().ticketBroker().hex());
        settings.put("chain.roundsManager", chain.contracts().roundsManager().hex());
        settings.put("chain.bondingManager", chain.contracts().bondingManager().hex());
        settings.put("chain.startBlock", chain.contracts().deployBlock().toString());
        // anvil mines a block per transaction and never reorganizes; with confirmations > 0 the newest block's logs
        // (a NewRound from advance-round) would wait for some later transaction.
        settings.put("chain.confirmations", "0");
        settings.put("chain.pollIntervalMs", "500");
        settings.put("ledger.orchestrators", chain.accounts().orchestrator().address().hex()); // the ledger and the watcher
        settings.put("redeemer.grpc.host", "127.0.0.1");
        settings.put("redeemer.grpc.port", Integer.toString(redeemerPort));
        settings.put("redeemer.grpc.dnsName", "localhost");
        settings.put("redeemer.grpc.recipients", chain.accounts().orchestrator().address().hex());
        // The chain is kept in the data dir, so the watcher goes on from its cursor (whose block hash it checks).
        settings.put("chainWatcher.id", "dev");
        // the redeemer signs with the dev chain's "redeemer" account; tickets are redeemable as soon as they arrive
        settings.put("chain.id", Long.toString(chain.chain().chainId()));
        settings.put("redeemer.walletKey", chain.accounts().redeemer().privateKey());
        settings.put("redeemer.paramsDelayBlocks", "0");
        settings.put("redeemer.pollIntervalMs", "200");
        // the payout worker pays with the dev chain's "payout" account, PoolPayouts' payer on the dev chain
        settings.put("chain.poolPayouts", chain.contracts().poolPayouts().hex());
        settings.put("payout.walletKey", chain.accounts().payout().privateKey());
        settings.put("payout.pollIntervalMs", "200");
        // the fee withdrawer signs with the dev orchestrator's key and funds the payout account when it runs short
        settings.put("payout.feeWithdrawal.orchestratorKey", chain.accounts().orchestrator().privateKey());
        settings.put("payout.feeWithdrawal.intervalMs", "2000");
        settings.put("maxFloat.recipient", chain.accounts().orchestrator().address().hex());
        settings.put("maxFloat.applicationId", "dev-max-float");
        settings.put("maxFloat.stateDir", dir.resolve("max-float-state").toString());
        // statuses and latency windows survive a restart of pool dev (state from the topics and the changelog)
        settings.put("performance.stateDir", dir.resolve("performance-state").toString());
        return settings;
    }

    private static Path writeCertificate(Path dir, X509Certificate certificate) throws Exception {
        Path file = dir.resolve("gateway-cert.pem");
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(file, pem);
        return file;
    }

    private static DevCredentials credentials(Devstack infra, DevNetwork chain, GatewayServer gateway, DevKeys.DevKey key,
            Path cert, String redeemerGrpcAddress) {
        Map<String, String> contracts = new LinkedHashMap<>();
        contracts.put("ticketBroker", chain.contracts().ticketBroker().hex());
        contracts.put("roundsManager", chain.contracts().roundsManager().hex());
        contracts.put("bondingManager", chain.contracts().bondingManager().hex());
        contracts.put("poolPayouts", chain.contracts().poolPayouts().hex());
        Map<String, DevCredentials.Account> accounts = new LinkedHashMap<>();
        for (DevAccount a : List.of(chain.accounts().deployer(), chain.accounts().orchestrator(),
                chain.accounts().broadcaster(), chain.accounts().redeemer(), chain.accounts().payout())) {
            accounts.put(a.role(), new DevCredentials.Account(a.address().hex(), a.privateKey()));
        }
        return new DevCredentials(gateway.url(), key.keyId(), key.secretHex(), key.orchestrator(),
                gateway.certificateFingerprint(), cert.toString(), infra.bootstrapServers(), infra.schemaRegistryUrl(),
                infra.jdbcUrl(), chain.chain().rpcUrl(), chain.chain().chainId(), contracts, accounts, redeemerGrpcAddress);
    }

    private static void printWelcome(DevCredentials c, Path dir) {
        log.info("pool dev is up (Ctrl-C stops everything; data in {})", dir);
        System.out.println();
        System.out.println("  Gateway        " + c.gatewayUrl() + "   (certificate SHA-256 " + c.certificateFingerprint() + ")");
        System.out.println("  Certificate    " + c.certificateFile());
        System.out.println("  Orchestrator   " + c.orchestrator() + "   key id " + c.keyId());
        System.out.println("  Credentials    " + dir.resolve(DevCredentials.FILE_NAME));
        System.out.println("  Redeemer gRPC  " + c.redeemerGrpcAddress() + "   (go-livepeer: -redeemerAddr " + c.redeemerGrpcAddress() + ")");
        System.out.println("  Kafka          " + c.kafkaBootstrapServers());
        System.out.println("  Registry       " + c.schemaRegistryUrl());
        System.out.println("  PostgreSQL     " + c.jdbcUrl());
        System.out.println("  Dev chain      " + c.chainRpcUrl() + "   (chain id " + c.chainId() + ", TicketBroker "
                + c.contracts().get("ticketBroker") + ")");
        System.out.println();
        System.out.println("  Post a signed job and read it back (paste into a shell):");
        System.out.println();
        System.out.println(SignedCurlExample.forJob(c, EXAMPLE_TRANSCODER).indent(4));
        System.out.println("  Next round on the dev chain:  ./pool dev advance-round" + dataDirOption(dir));
        System.out.println("  Chain status:                 curl -sS --cacert " + c.certificateFile() + " " + c.gatewayUrl() + "/status");
        System.out.println();
    }

    private static String dataDirOption(Path dir) {
        return dir.equals(Path.of(".pool-dev").toAbsolutePath().normalize()) ? "" : " --data-dir " + dir;
    }
}
