package io.livepeerpool.chainwatcher.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chainwatcher.ChainWatcher;
import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.devstack.FlakyRpcProxy;
import io.livepeerpool.chainwatcher.TestChain;
import io.livepeerpool.chainwatcher.WatcherTopics;
import io.livepeerpool.chainwatcher.chain.ContractAddresses;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status reader against a real chain, watcher and broker; failing soft when neither can be reached; and never
 * making a caller wait on a slow RPC node.
 */
class ChainStatusTest {
    private static DevChain chain;
    private static DevNetwork net;
    private static Devstack devstack;
    private static WatcherTopics topics;
    private static ChainWatcher watcher;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void startWatcher() throws Exception {
        chain = TestChain.get();
        net = TestChain.deploy(DeployOptions.defaults());
        devstack = SharedDevstack.get();
        topics = WatcherTopics.catalogue().withSuffix("status-" + UUID.randomUUID().toString().substring(0, 8));
        devstack.createTopics(topics.newTopics((short) 1));
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        Map<String, String> c = new HashMap<>();
        c.put("chain.rpcUrl", chain.rpcUrl());
        c.put("chain.ticketBroker", net.contracts().ticketBroker().hex());
        c.put("chain.roundsManager", net.contracts().roundsManager().hex());
        c.put("chain.bondingManager", net.contracts().bondingManager().hex());
        c.put("chain.startBlock", net.contracts().deployBlock().add(java.math.BigInteger.ONE).toString());
        c.put("chain.confirmations", "2");
        c.put("chain.pollIntervalMs", "50");
        c.put("kafka.bootstrapServers", devstack.bootstrapServers());
        c.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        c.put("chainWatcher.id", "status");
        watcher = ChainWatcher.create(ChainWatcherConfig.settings(ChainWatcherConfig.load(ConfigSource.of(c))), topics,
                new SimpleMeterRegistry());
        watcher.start();
    }

    @AfterAll
    static void stop() {
        watcher.close();
        registry.close();
    }

    @Test
    void reportsRoundsHeadCursorAndLagAndCachesForASecond() throws Exception {
        net.roundAdvancer().advance();
        long head = chain.reader().blockNumber().longValueExact();
        awaitCursor(head - 2);
        try (ChainStatus status = ChainStatus.create(settings(chain.rpcUrl(), devstack.bootstrapServers()), registry)) {
            ChainStatusSnapshot s = firstRead(status);
            assertThat(s.error()).isNull();
            assertThat(s.round()).isEqualTo(net.roundsManager().currentRound().longValueExact());
            assertThat(s.lastInitializedRound()).isEqualTo(s.round());
            assertThat(s.chainHead()).isEqualTo(head);
            assertThat(s.confirmedBlock()).isEqualTo(head - 2);
            assertThat(s.lagBlocks()).isZero();
            assertThat(s.contracts()).containsEntry("ticketBroker", net.contracts().ticketBroker().hex())
                    .containsEntry("roundsManager", net.contracts().roundsManager().hex())
                    .containsEntry("bondingManager", net.contracts().bondingManager().hex());

            chain.anvil().mine(5);
            assertThat(status.current()).as("cached").isSameAs(s);
            Thread.sleep(1_100);
            awaitCursor(head + 3);
            ChainStatusSnapshot later = awaitSnapshot(status, x -> x != s && x.confirmedBlock() != null
                    && x.confirmedBlock() == head + 3);
            assertThat(later.chainHead()).isEqualTo(head + 5);
            assertThat(later.confirmedBlock()).isEqualTo(head + 3);
        }
    }

    /** What the gateway's round check reads: only a snapshot read recently enough, and asking refreshes it. */
    @Test
    void currentIfReadWithinGivesOnlyARecentSnapshotAndRefreshesAStaleOne() throws Exception {
        try (ChainStatus status = ChainStatus.create(settings(chain.rpcUrl(), devstack.bootstrapServers()), registry)) {
            ChainStatusSnapshot s = firstRead(status);
            assertThat(status.currentIfReadWithin(Duration.ofMinutes(1))).containsSame(s);
            Thread.sleep(1_100); // older than the cache TTL
            long refreshes = status.refreshes();

            assertThat(status.currentIfReadWithin(Duration.ofSeconds(1))).as("read more than a second ago").isEmpty();
            assertThat(status.refreshes()).as("asking started a refresh").isEqualTo(refreshes + 1);
            ChainStatusSnapshot later = awaitSnapshot(status, x -> x != s);
            assertThat(status.currentIfReadWithin(Duration.ofSeconds(1))).containsSame(later);
        }
    }

    @Test
    void unreachableRpcAndKafkaGiveNullFieldsAndAnError() throws Exception {
        String deadRpc = "http://127.0.0.1:" + freePort() + "/v2/ApiKey0123456789SeCrEt";
        String deadKafka = "127.0.0.1:" + freePort();
        try (ChainStatus status = ChainStatus.create(settings(deadRpc, deadKafka), registry)) {
            long started = System.nanoTime();
            ChainStatusSnapshot s = firstRead(status);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(s.round()).isNull();
            assertThat(s.lastInitializedRound()).isNull();
            assertThat(s.chainHead()).isNull();
            assertThat(s.confirmedBlock()).isNull();
            assertThat(s.lagBlocks()).isNull();
            assertThat(s.contracts()).hasSize(3);
            assertThat(s.error()).contains("rpc: ").contains("kafka " + deadKafka)
                    .as("the RPC URL carries the provider's key: never in /status").doesNotContain("SeCrEt").doesNotContain("/v2");
        }
        // one source down, the other still reported
        try (ChainStatus status = ChainStatus.create(settings(chain.rpcUrl(), deadKafka), registry)) {
            ChainStatusSnapshot s = firstRead(status);
            assertThat(s.chainHead()).isNotNull();
            assertThat(s.round()).isNotNull();
            assertThat(s.confirmedBlock()).isNull();
            assertThat(s.error()).startsWith("kafka ");
        }
    }

    /**
     * 32 callers at once, the cache stale, every RPC call answered 1.5 s late: each caller gets the cached snapshot
     * at once, and one refresh (three RPC calls, side by side) replaces it. Before, each caller waited on one lock
     * while the three calls ran one after the other.
     */
    @Test
    void concurrentCallersGetTheCachedSnapshotAtOnceWhileASlowRpcRefreshesItOnce() throws Exception {
        Duration rpcDelay = Duration.ofMillis(1_500);
        try (FlakyRpcProxy slowRpc = FlakyRpcProxy.slow(chain.rpcUrl(), rpcDelay);
             ChainStatus status = ChainStatus.create(settings(slowRpc.url(), devstack.bootstrapServers()), registry)) {
            ChainStatusSnapshot first = firstRead(status);
            assertThat(first.error()).isNull();
            assertThat(slowRpc.forwarded()).as("one refresh: three RPC calls").isEqualTo(3);
            long head = first.chainHead();
            chain.anvil().mine(2);
            Thread.sleep(1_100); // the snapshot is now stale

            int callers = 32;
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ChainStatusSnapshot>> answers = new ArrayList<>();
            List<Future<Duration>> waits = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<CompletableFuture<Duration>> timings = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    CompletableFuture<Duration> waited = new CompletableFuture<>();
                    timings.add(waited);
                    answers.add(pool.submit(() -> {
                        go.await();
                        long started = System.nanoTime();
                        ChainStatusSnapshot answer = status.current();
                        waited.complete(Duration.ofNanos(System.nanoTime() - started));
                        return answer;
                    }));
                }
                waits.addAll(timings);
                go.countDown();
                for (Future<ChainStatusSnapshot> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS)).as("the cached snapshot").isSameAs(first);
                }
            } finally {
                pool.shutdownNow();
            }
            Duration slowest = Duration.ZERO;
            for (Future<Duration> wait : waits) {
                slowest = wait.get().compareTo(slowest) > 0 ? wait.get() : slowest;
            }
            assertThat(slowest).as("no caller waited on the RPC node").isLessThan(rpcDelay);

            ChainStatusSnapshot refreshed = awaitSnapshot(status, x -> x != first);
            assertThat(refreshed.error()).isNull();
            assertThat(refreshed.chainHead()).isEqualTo(head + 2);
            assertThat(slowRpc.forwarded()).as("32 callers, one refresh: three more RPC calls").isEqualTo(6);
            assertThat(status.refreshes()).isEqualTo(2);
            assertThat(slowRpc.inFlightMax()).as("the three calls of a refresh run side by side").isEqualTo(3);
            System.out.printf("status under a %d ms RPC: %d callers, slowest waited %.3f ms, %d RPC calls%n",
                    rpcDelay.toMillis(), callers, slowest.toNanos() / 1e6, slowRpc.forwarded());
        }
    }

    /** The first snapshot read (the one before it only says the read is in progress). */
    private static ChainStatusSnapshot firstRead(ChainStatus status) throws InterruptedException {
        return awaitSnapshot(status, s -> !ChainStatus.NOT_READ_YET.equals(s.error()));
    }

    private static ChainStatusSnapshot awaitSnapshot(ChainStatus status, Predicate<ChainStatusSnapshot> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ChainStatusSnapshot s = status.current();
        while (!wanted.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such snapshot within 30 s; last: " + s);
            }
            Thread.sleep(20);
            s = status.current();
        }
        return s;
    }

    private static StatusSettings settings(String rpcUrl, String bootstrap) {
        return new StatusSettings(rpcUrl, new ContractAddresses(net.contracts().ticketBroker(),
                net.contracts().roundsManager(), net.contracts().bondingManager()), 2, bootstrap, topics.cursor().name(),
                "status", Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    private static void awaitCursor(long block) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (watcher.cursor().map(c -> c.getLastEmittedBlock() < block).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cursor did not reach " + block);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
