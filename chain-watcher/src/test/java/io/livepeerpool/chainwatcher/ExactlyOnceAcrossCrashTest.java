package io.livepeerpool.chainwatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.schemas.avro.ChainEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/**
 * A watcher dies between sending a batch and committing it (the batch's events are in the log, its transaction
 * open), events keep coming, and a new watcher with the same id takes over: every log appears exactly once for a
 * read_committed consumer, none is missing, and the dead watcher's records are in the log but aborted.
 */
class ExactlyOnceAcrossCrashTest {
    private static final BigInteger ETH = DeployOptions.ETHER;
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** What a JVM killed mid-transaction looks like from the outside: nothing after this point runs. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between send and commit");
        }
    }

    @Test
    void aCrashBetweenSendAndCommitNeitherLosesNorRepeatsALog() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults().withBroadcasterFunds(ETH, ETH));
        try (WatcherFixture f = new WatcherFixture(net, "crash")) {
            AtomicInteger batchesWithEvents = new AtomicInteger();
            // small ranges, so the stream is many transactions; die in the middle of the third one that has events
            ChainWatcher first = f.watcher("crash", Map.of("chain.blockRangeMax", "3")).withCommitHook((from, to, records) -> {
                if (records > 1 && batchesWithEvents.incrementAndGet() == 3) {
                    throw new SimulatedCrash();
                }
            });
            first.start();
            generate(net, 0, 20);
            Await.until("the first watcher to die", WAIT, () -> !first.healthy());
            assertThat(first.halted()).as("died, not halted").isFalse();
            generate(net, 20, 35);

            ChainWatcher second = f.watcher("crash", Map.of("chain.blockRangeMax", "3"));
            second.start();
            net.chain().anvil().mine(1);
            long last = f.head() - 1;
            WatcherFixture.awaitCursor(second, last, WAIT);
            second.close();

            List<ChainEvent> committed = f.committedEvents();
            List<String> ids = committed.stream().map(GroundTruth::id).toList();
            Set<String> unique = new HashSet<>(ids);
            assertThat(unique).as("no log twice").hasSameSizeAs(ids);
            long start = net.contracts().deployBlock().longValueExact() + 1;
            assertThat(ids).as("every log, in chain order").containsExactlyElementsOf(GroundTruth.logIds(net, start, last));
            assertThat(ids.size()).isGreaterThan(40);

            // the dead watcher's open transaction was aborted: its records are in the log, invisible to read_committed
            List<String> uncommitted = f.readEvents("read_uncommitted").stream().map(r -> GroundTruth.id(r.value())).toList();
            assertThat(uncommitted.size()).as("aborted records in the log").isGreaterThan(ids.size());
            assertThat(new HashSet<>(uncommitted)).isEqualTo(unique);
        }
    }

    @Test
    void aFailedTransactionIsAbortedAndItsRangeRetriedFromTheCommittedCursor() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults().withBroadcasterFunds(ETH, ETH));
        try (WatcherFixture f = new WatcherFixture(net, "abort")) {
            AtomicInteger batchesWithEvents = new AtomicInteger();
            ChainWatcher watcher = f.watcher("abort", Map.of("chain.blockRangeMax", "2")).withCommitHook((from, to, records) -> {
                int n = records > 1 ? batchesWithEvents.incrementAndGet() : 0;
                if (n == 2 || n == 3 || n == 6) { // the second attempt at a range fails too, once
                    throw new KafkaException("injected failure before commit of blocks " + from + ".." + to);
                }
            });
            watcher.start();
            generate(net, 0, 15);
            net.chain().anvil().mine(1);
            long last = f.head() - 1;
            WatcherFixture.awaitCursor(watcher, last, WAIT);

            List<String> ids = f.committedEvents().stream().map(GroundTruth::id).toList();
            long start = net.contracts().deployBlock().longValueExact() + 1;
            assertThat(ids).containsExactlyElementsOf(GroundTruth.logIds(net, start, last));
            assertThat(watcher.metrics().kafkaErrorCount()).isEqualTo(3);
            assertThat(f.readEvents("read_uncommitted").size()).as("aborted records in the log").isGreaterThan(ids.size());
            assertThat(watcher.healthy()).isTrue();
        }
    }

    /** Deposits from three spare senders, and a winning ticket every fifth step: 1 to 3 logs per block. */
    private static void generate(DevNetwork net, int from, int to) {
        List<Transactor> senders = List.of(net.chain().transactor(net.accounts().spare(7)),
                net.chain().transactor(net.accounts().spare(8)), net.chain().transactor(net.accounts().spare(9)));
        for (int i = from; i < to; i++) {
            net.ticketBroker().fundDeposit(senders.get(i % 3), BigInteger.valueOf(1_000 + i)).requireSuccess("deposit");
            if (i % 5 == 4) {
                net.ticketBroker().redeemWinningTicket(net.redeemer(), net.ticketMaker()
                        .make(net.accounts().orchestrator().address(), BigInteger.valueOf(10_000 + i), TicketMaker.ALWAYS_WINS))
                        .tx().requireSuccess("redeem");
            }
        }
    }
}
