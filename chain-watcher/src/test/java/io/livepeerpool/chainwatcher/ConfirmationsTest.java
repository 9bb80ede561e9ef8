package io.livepeerpool.chainwatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With confirmations = 3, a log stays out of the topic until 3 more blocks are mined on top of its block. */
class ConfirmationsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aLogIsEmittedOnlyOnceItIsThreeBlocksDeep() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (WatcherFixture f = new WatcherFixture(net, "confirmations")) {
            ChainWatcher watcher = f.watcher("confirmations", Map.of("chain.confirmations", "3"));
            watcher.start();
            Transactor sender = net.chain().transactor(net.accounts().spare(6));
            TxResult deposit = net.ticketBroker().fundDeposit(sender, DeployOptions.ETHER).requireSuccess("deposit");
            long block = deposit.blockNumber().longValueExact();
            assertThat(f.head()).isEqualTo(block);

            WatcherFixture.awaitCursor(watcher, block - 3, WAIT); // head = block: confirmed up to block - 3
            net.chain().anvil().mine(2);
            WatcherFixture.awaitCursor(watcher, block - 1, WAIT); // head = block + 2: still one short
            Await.sleep(300); // several more polls at this head
            assertThat(watcher.cursor().orElseThrow().getLastEmittedBlock()).isEqualTo(block - 1);
            assertThat(f.committedEvents()).noneMatch(e -> e.getTxHash().equals(deposit.txHash().toLowerCase()));
            assertThat(watcher.metrics().lagBlocks()).isZero();

            net.chain().anvil().mine(1); // head = block + 3: three blocks on top, emitted now
            WatcherFixture.awaitCursor(watcher, block, WAIT);
            assertThat(f.committedEvents()).filteredOn(e -> e.getTxHash().equals(deposit.txHash().toLowerCase()))
                    .hasSize(1);
        }
    }
}
