package io.livepeerpool.chainwatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.devstack.FlakyRpcProxy;
import io.livepeerpool.devstack.FlakyRpcProxy.Failure;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind an RPC endpoint that fails a quarter of all calls (HTTP 500, dropped connections, answers later than the
 * timeout), the watcher loses nothing, repeats nothing, stays up, and counts every failure.
 */
class FlakyRpcTest {
    private static final BigInteger ETH = DeployOptions.ETHER;
    private static final int MIN_FAILURES = 24;

    @Test
    void intermittentRpcFailuresLoseAndRepeatNothingAndAreCounted() throws Exception {
        // 100-block rounds: a few hundred blocks in all, read in ranges of at most 50 blocks
        DevNetwork net = TestChain.deploy(DeployOptions.defaults().withRoundLength(100).withBroadcasterFunds(ETH, ETH));
        try (WatcherFixture f = new WatcherFixture(net, "flaky");
             FlakyRpcProxy proxy = new FlakyRpcProxy(net.chain().rpcUrl(), 42, 0.25, Duration.ofMillis(1_000))) {
            ChainWatcher watcher = f.watcher(f.config("flaky", proxy.url(), Map.of(
                    "chain.rpcTimeoutMs", "500", "chain.blockRangeMax", "50",
                    "chainWatcher.retryBackoffMinMs", "10", "chainWatcher.retryBackoffMaxMs", "200")));
            watcher.start();
            Await.until("a first commit through the proxy", Duration.ofSeconds(60), () -> watcher.cursor().isPresent());

            // events arrive while the watcher polls (two calls per idle poll, more per range), until at least
            // MIN_FAILURES calls have failed
            Transactor sender = net.chain().transactor(net.accounts().spare(10));
            int redemptions = 0;
            for (int i = 0; i < 30 || (proxy.injectedTotal() < MIN_FAILURES && i < 600); i++) {
                net.ticketBroker().fundDeposit(sender, BigInteger.valueOf(1 + i)).requireSuccess("deposit");
                Await.sleep(100);
                if (i % 10 == 9) { // a NewRound needs an eth_call and a transfer a receipt (gas cost): through the proxy too
                    net.roundAdvancer().advance();
                    net.ticketBroker().redeemWinningTicket(net.redeemer(), net.ticketMaker().make(
                            net.accounts().orchestrator().address(), BigInteger.valueOf(1_000 + i), TicketMaker.ALWAYS_WINS))
                            .tx().requireSuccess("redeem");
                    redemptions++;
                }
            }
            net.chain().anvil().mine(1);
            long last = f.head() - 1;
            WatcherFixture.awaitCursor(watcher, last, Duration.ofSeconds(120));
            watcher.close(); // no call in flight: the error count is final

            List<String> ids = f.committedEvents().stream().map(GroundTruth::id).toList();
            assertThat(new HashSet<>(ids)).as("no duplicates").hasSameSizeAs(ids);
            long start = net.contracts().deployBlock().longValueExact() + 1;
            assertThat(ids).as("nothing lost, chain order").containsExactlyElementsOf(GroundTruth.logIds(net, start, last));
            assertThat(f.committedEvents()).filteredOn(e -> e.getEvent() instanceof WinningTicketTransferEvent).hasSize(redemptions)
                    .allMatch(e -> ((WinningTicketTransferEvent) e.getEvent()).getGasCost().signum() > 0);
            assertThat(f.committedEvents()).filteredOn(e -> e.getEvent() instanceof NewRoundEvent).hasSize(1 + redemptions);

            assertThat(proxy.injectedTotal()).isGreaterThanOrEqualTo(MIN_FAILURES);
            for (Failure failure : Failure.values()) {
                assertThat(proxy.injected(failure)).as("%s injected", failure).isPositive();
            }
            assertThat(watcher.metrics().rpcErrorCount()).as("every injected failure counted")
                    .isGreaterThanOrEqualTo(proxy.injectedTotal());
            assertThat(watcher.halted()).isFalse();
            System.out.printf("flaky RPC: %d forwarded, %d injected %s, %d counted errors, %d events%n",
                    proxy.forwarded(), proxy.injectedTotal(), Map.of(
                            Failure.HTTP_500, proxy.injected(Failure.HTTP_500),
                            Failure.DROPPED_CONNECTION, proxy.injected(Failure.DROPPED_CONNECTION),
                            Failure.DELAY_BEYOND_TIMEOUT, proxy.injected(Failure.DELAY_BEYOND_TIMEOUT)),
                    watcher.metrics().rpcErrorCount(), ids.size());
        }
    }
}
