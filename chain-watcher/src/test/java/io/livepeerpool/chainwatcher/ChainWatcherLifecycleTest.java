package io.livepeerpool.chainwatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chainwatcher.chain.RpcException;
import io.livepeerpool.chainwatcher.cursor.CursorReader;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The watcher's own life: what its constructor leaves behind when it fails, what it retries and what it halts on,
 * and that {@link ChainWatcher#close()} never closes the Kafka session under a worker that is still in a step.
 */
class ChainWatcherLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    // --- constructor ---------------------------------------------------------------------------------------------

    @Test
    void whenTheRegistryClientCannotBeOpenedTheWeb3jClientIsClosedAgain() {
        RecordingWeb3j web3j = new RecordingWeb3j();
        ChainWatcher.Connections registryFails = connections(web3j.client, settings -> {
            throw new IllegalStateException("registry client refused");
        });
        assertThatThrownBy(() -> ChainWatcher.create(settings(), WatcherTopics.catalogue(), new SimpleMeterRegistry(),
                registryFails)).hasMessage("registry client refused");
        assertThat(web3j.closed).as("Web3j closed").isTrue();
    }

    @Test
    void whenALaterStepFailsBothConnectionsAreClosed() {
        RecordingWeb3j web3j = new RecordingWeb3j();
        RecordingRegistry registry = new RecordingRegistry();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                throw new IllegalStateException("meter registry refused " + id.getName());
            }
        });
        assertThatThrownBy(() -> ChainWatcher.create(settings(), WatcherTopics.catalogue(), meters,
                connections(web3j.client, settings -> registry))).hasMessageContaining("meter registry refused");
        assertThat(web3j.closed).as("Web3j closed").isTrue();
        assertThat(registry.closed).as("registry client closed").isTrue();
    }

    // --- what is retried ---------------------------------------------------------------------------------------------

    @Test
    void onlyTransientFailuresAreRetried() {
        assertThat(ChainWatcher.isTransient(new RpcException("eth_getLogs", "timeout", false, null))).isTrue();
        assertThat(ChainWatcher.isTransient(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(ChainWatcher.isTransient(new org.apache.kafka.common.errors.TimeoutException("metadata"))).isTrue();
        assertThat(ChainWatcher.isTransient(new IllegalStateException("wrapped",
                new org.apache.kafka.common.errors.NetworkException("gone")))).isTrue();
        assertThat(ChainWatcher.isTransient(new NullPointerException("bug"))).isFalse();
        assertThat(ChainWatcher.isTransient(new IllegalArgumentException("bug"))).isFalse();
        assertThat(ChainWatcher.isTransient(new ArithmeticException("overflow"))).isFalse();
        assertThat(ChainWatcher.isTransient(new org.apache.kafka.common.errors.SerializationException("bad record")))
                .as("Kafka, but not retriable").isFalse();
    }

    @Test
    void aProgrammingErrorHaltsTheWatcherWithOneLineInsteadOfLooping() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (WatcherFixture f = new WatcherFixture(net, "bug"); CapturedLog log = new CapturedLog()) {
            AtomicInteger calls = new AtomicInteger();
            ChainWatcher watcher = f.watcher("bug", Map.of()).withCommitHook((from, to, records) -> {
                calls.incrementAndGet();
                throw new NullPointerException("injected bug");
            });
            watcher.start();
            Await.until("halted", WAIT, watcher::halted);
            Await.sleep(1_000); // 20..500 ms backoff: a retrying watcher would call the hook again meanwhile
            assertThat(calls).as("not retried").hasValue(1);
            assertThat(watcher.healthy()).isFalse();
            assertThat(watcher.workerAlive()).isFalse();
            assertThat(watcher.cursor()).as("nothing committed").isEmpty();
            assertThat(log.errors()).singleElement().asString()
                    .contains("STOPPED").contains("NullPointerException: injected bug").contains("(a bug, not retried)");
        }
    }

    @Test
    void aRetriableKafkaFailureIsRetried() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (WatcherFixture f = new WatcherFixture(net, "retriable"); CapturedLog log = new CapturedLog()) {
            AtomicInteger calls = new AtomicInteger();
            ChainWatcher watcher = f.watcher("retriable", Map.of()).withCommitHook((from, to, records) -> {
                if (calls.incrementAndGet() <= 2) {
                    throw new org.apache.kafka.common.errors.TimeoutException("injected broker timeout");
                }
            });
            watcher.start();
            WatcherFixture.awaitCursor(watcher, f.head() - 1, WAIT);
            assertThat(calls.get()).isGreaterThanOrEqualTo(3);
            assertThat(watcher.halted()).isFalse();
            assertThat(watcher.healthy()).isTrue();
            assertThat(watcher.metrics().kafkaErrorCount()).isEqualTo(2);
            assertThat(log.errors()).isEmpty();
        }
    }

    // --- close ---------------------------------------------------------------------------------------------------

    /**
     * The worker is inside a step that ignores its timeout and interrupts (the commit hook blocks for longer than
     * close() waits). close() returns within its bound, leaves the session to the worker, and the worker commits the
     * batch it was in and then ends. Closing the producer under it instead would fail that commit.
     */
    @Test
    void closeNeverClosesTheSessionUnderARunningWorker() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (WatcherFixture f = new WatcherFixture(net, "close"); CapturedLog log = new CapturedLog()) {
            // stepTimeout = 4 x 250 ms + 1 s + 5 s = 7 s, then 2 s after the interrupt: 9 s in all
            ChainWatcher watcher = f.watcher("close", Map.of("chain.rpcTimeoutMs", "250",
                    "chainWatcher.kafkaTimeoutMs", "1000"));
            long blockMs = 13_000;
            CountDownLatch inHook = new CountDownLatch(1);
            AtomicBoolean hookReturned = new AtomicBoolean();
            AtomicLong heldBatchTo = new AtomicLong(-1);
            watcher.withCommitHook((from, to, records) -> {
                if (heldBatchTo.compareAndSet(-1, to)) {
                    inHook.countDown();
                    sleepIgnoringInterrupts(blockMs);
                    hookReturned.set(true);
                }
            });
            watcher.start();
            assertThat(inHook.await(60, TimeUnit.SECONDS)).as("first batch reached its commit").isTrue();

            long started = System.nanoTime();
            watcher.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - started);
            assertThat(hookReturned).as("close() returned while the worker was still in its step").isFalse();
            assertThat(closing).isLessThan(Duration.ofMillis(blockMs));
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("worker did not stop within 9000 ms"));

            Await.until("the worker ends", Duration.ofSeconds(30), () -> !watcher.workerAlive());
            assertThat(hookReturned).isTrue();
            assertThat(watcher.cursor()).as("the held batch committed").hasValueSatisfying(
                    c -> assertThat(c.getLastEmittedBlock()).isEqualTo(heldBatchTo.get()));
            CursorReader reader = new CursorReader(f.devstack.bootstrapServers(), f.topics.cursor().name(),
                    AvroSerde.forTopic(f.topics.cursor(), f.registry).deserializer(), Duration.ofSeconds(15));
            assertThat(reader.read("close")).map(ChainCursor::getLastEmittedBlock).hasValue(heldBatchTo.get());
            assertThat(log.errors()).isEmpty();
        }
    }

    private static void sleepIgnoringInterrupts(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException ignored) {
                // a call that does not answer to interrupts
            }
        }
    }

    // --- fixtures ------------------------------------------------------------------------------------------------

    private static WatcherSettings settings() {
        return ChainWatcherConfig.settings(ChainWatcherConfig.load(ConfigSource.of(Map.of(
                "chain.rpcUrl", "http://127.0.0.1:1",
                "chain.ticketBroker", "0x" + "11".repeat(20),
                "chain.roundsManager", "0x" + "22".repeat(20),
                "chain.bondingManager", "0x" + "33".repeat(20),
                "chain.startBlock", "1",
                "kafka.bootstrapServers", "127.0.0.1:1",
                "schemaRegistry.url", "http://127.0.0.1:1",
                "chainWatcher.id", "lifecycle"))));
    }

    private static ChainWatcher.Connections connections(Web3j web3j,
                                                       java.util.function.Function<WatcherSettings, SchemaRegistryClient> registry) {
        return new ChainWatcher.Connections() {
            @Override
            public Web3j web3j(WatcherSettings settings) {
                return web3j;
            }

            @Override
            public SchemaRegistryClient registry(WatcherSettings settings) {
                return registry.apply(settings);
            }
        };
    }

    /** A real web3j client whose transport records that it was closed ({@code Web3j.shutdown()} closes it). */
    private static final class RecordingWeb3j {
        volatile boolean closed;
        final Web3j client = Web3j.build(new HttpService("http://127.0.0.1:1") {
            @Override
            public void close() throws IOException {
                closed = true;
                super.close();
            }
        });
    }

    private static final class RecordingRegistry implements SchemaRegistryClient {
        volatile boolean closed;

        @Override
        public int register(String subject, Schema schema) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Schema schemaById(int id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The chain watcher's log lines while open. */
    private static final class CapturedLog implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger(ChainWatcher.class);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        CapturedLog() {
            appender.start();
            logger.addAppender(appender);
        }

        List<String> errors() {
            return at(Level.ERROR);
        }

        List<String> warnings() {
            return at(Level.WARN);
        }

        private synchronized List<String> at(Level level) {
            return List.copyOf(appender.list).stream().filter(e -> e.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
