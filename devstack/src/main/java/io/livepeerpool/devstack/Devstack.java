package io.livepeerpool.devstack;

import io.livepeerpool.platform.net.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real infrastructure for {@code pool dev} and integration tests, all on 127.0.0.1: a single-node KRaft Kafka
 * cluster in this JVM, Apicurio Registry (Confluent-compatible API) as a child process and PostgreSQL from embedded
 * binaries. Everything persistent lives under {@link #dataDir()}; starting again on the same directory keeps topics,
 * records, schemas and rows.
 *
 * <pre>{@code
 * try (Devstack devstack = Devstack.start(DevstackOptions.defaults(Path.of("target/dev")))) {
 *     devstack.createTopics(List.of(new NewTopic("jobs", 3, (short) 1)));
 *     ... devstack.bootstrapServers(), devstack.schemaRegistryUrl(), devstack.jdbcUrl() ...
 * }
 * }</pre>
 * Tests should use {@link SharedDevstack#get()} instead: one devstack per test JVM.
 */
public final class Devstack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Devstack.class);

    private final Path dataDir;
    private final KafkaBroker kafka;
    private final SchemaRegistryProcess registry;
    private final Postgres postgres;
    private final DevChainComponent chain;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Devstack(Path dataDir, KafkaBroker kafka, SchemaRegistryProcess registry, Postgres postgres,
            DevChainComponent chain) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.registry = registry;
        this.postgres = postgres;
        this.chain = chain;
    }

    /**
     * Starts Kafka, the schema registry and PostgreSQL in parallel and returns once all three answer. If one fails,
     * the others are stopped and the first failure is thrown (the others attached as suppressed).
     */
    public static Devstack start(DevstackOptions options) throws Exception {
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        Path dataDir = options.dataDir();
        Files.createDirectories(dataDir);
        int[] ports = FreePort.resolve(options.kafkaPort(), 0, options.registryPort(), options.postgresPort());
        int kafkaPort = ports[0];
        int controllerPort = ports[1];
        int registryPort = ports[2];
        int postgresPort = ports[3];

        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "devstack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<KafkaBroker> kafka = startAsync(executor, "Kafka broker", started,
                    () -> KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, controllerPort),
                    KafkaBroker::bootstrapServers);
            CompletableFuture<SchemaRegistryProcess> registry = startAsync(executor, "Schema registry", started,
                    () -> SchemaRegistryProcess.start(dataDir, registryPort), SchemaRegistryProcess::ccompatUrl);
            CompletableFuture<Postgres> postgres = startAsync(executor, "PostgreSQL", started,
                    () -> Postgres.start(dataDir, postgresPort), Postgres::jdbcUrl);
            CompletableFuture<DevChainComponent> chain = options.chain()
                    ? startAsync(executor, "Dev chain", started,
                            () -> DevChainComponent.start(dataDir.resolve("chain"), options.chainPort()), DevChainComponent::rpcUrl)
                    : CompletableFuture.completedFuture(null);
            Devstack devstack = assemble(dataDir, kafka, registry, postgres, chain);
            log.info("Devstack started in {} ms (data in {})", millisSince(started), dataDir);
            return devstack;
        } finally {
            executor.shutdown();
        }
    }

    @FunctionalInterface
    private interface Starter<T> {
        T start() throws Exception;
    }

    private static <T> CompletableFuture<T> startAsync(ExecutorService executor, String name, long since,
            Starter<T> starter, Function<T, String> address) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                T component = starter.start();
                log.info("{} ready at {} ({} ms)", name, address.apply(component), millisSince(since));
                return component;
            } catch (Exception e) {
                throw new CompletionException(new IllegalStateException(name + " failed to start: " + e.getMessage(), e));
            }
        }, executor);
    }

    private static Devstack assemble(Path dataDir, CompletableFuture<KafkaBroker> kafka,
            CompletableFuture<SchemaRegistryProcess> registry, CompletableFuture<Postgres> postgres,
            CompletableFuture<DevChainComponent> chain) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        List<AutoCloseable> running = new ArrayList<>();
        KafkaBroker k = await(kafka, failures, running);
        SchemaRegistryProcess r = await(registry, failures, running);
        Postgres p = await(postgres, failures, running);
        DevChainComponent c = await(chain, failures, running);
        if (failures.isEmpty()) {
            return new Devstack(dataDir, k, r, p, c);
        }
        for (AutoCloseable component : running) {
            try {
                component.close();
            } catch (Exception e) {
                failures.get(0).addSuppressed(e);
            }
        }
        Throwable first = failures.get(0);
        failures.subList(1, failures.size()).forEach(first::addSuppressed);
        if (first instanceof Exception exception) {
            throw exception;
        }
        throw (Error) first;
    }

    private static <T extends AutoCloseable> T await(CompletableFuture<T> future, List<Throwable> failures,
            List<AutoCloseable> running) throws InterruptedException {
        try {
            T component = future.get();
            if (component != null) {
                running.add(component);
            }
            return component;
        } catch (ExecutionException e) {
            failures.add(e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause());
            return null;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:40123} (PLAINTEXT). */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Confluent-compatible Schema Registry base URL, e.g. {@code http://127.0.0.1:40124/apis/ccompat/v7}. */
    public String schemaRegistryUrl() {
        return registry.ccompatUrl();
    }

    /** JDBC URL of the {@code pool} database, e.g. {@code jdbc:postgresql://127.0.0.1:40125/pool}. */
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String jdbcUser() {
        return Postgres.USER;
    }

    /** Any password works (trust authentication on 127.0.0.1); this one is for clients that insist on one. */
    public String jdbcPassword() {
        return Postgres.PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The dev chain with the contracts deployed, when started with {@link DevstackOptions#withChain(int)}. */
    public java.util.Optional<io.livepeerpool.chain.dev.DevNetwork> chain() {
        return java.util.Optional.ofNullable(chain).map(DevChainComponent::network);
    }

    /** Pid of the schema registry child process (for tests that check it does not outlive the devstack). */
    long schemaRegistryPid() {
        return registry.pid();
    }

    /**
     * Creates the topics that do not exist yet; existing ones are left as they are (partitions and configs are not
     * compared). Returns once the broker has acknowledged every creation.
     */
    public void createTopics(Collection<NewTopic> topics) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            // The controller has created them; wait until the broker lists them too, so that a service started next
            // (which checks its topics at start) does not find one missing.
            java.util.Set<String> wanted = new java.util.HashSet<>(results.keySet());
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (!admin.listTopics().names().get().containsAll(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + wanted + " not listed by the broker within 30 s");
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops the registry, Kafka, PostgreSQL and the dev chain (in parallel) and waits for them; no child process is left. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        List<Thread> stoppers = new ArrayList<>();
        List<AutoCloseable> components = new ArrayList<>(List.<AutoCloseable>of(registry, kafka, postgres));
        if (chain != null) {
            components.add(chain);
        }
        for (AutoCloseable component : components) {
            stoppers.add(Thread.ofPlatform().name("devstack-stop").start(() -> {
                try {
                    component.close();
                } catch (Exception e) {
                    log.warn("Stopping {} failed", component.getClass().getSimpleName(), e);
                }
            }));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("Devstack stopped in {} ms", millisSince(started));
    }
}
