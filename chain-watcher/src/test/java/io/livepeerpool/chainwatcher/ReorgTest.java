package io.livepeerpool.chainwatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.schemas.avro.ChainEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real reorg below the cursor (anvil evm_snapshot / evm_revert, then other blocks at the same heights): the
 * watcher notices that its cursor block changed hash, emits nothing more and reports itself halted and unhealthy.
 */
class ReorgTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aReorgBelowTheCursorHaltsTheWatcherInsteadOfEmitting() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (WatcherFixture f = new WatcherFixture(net, "reorg")) {
            ChainWatcher watcher = f.watcher("reorg", Map.of());
            watcher.start();
            Transactor sender = net.chain().transactor(net.accounts().spare(11));
            String snapshot = net.chain().anvil().call("evm_snapshot").asText();
            net.ticketBroker().fundDeposit(sender, BigInteger.ONE).requireSuccess("deposit");
            net.ticketBroker().fundDeposit(sender, BigInteger.TWO).requireSuccess("deposit");
            net.chain().anvil().mine(1);
            long cursor = f.head() - 1;
            WatcherFixture.awaitCursor(watcher, cursor, WAIT);
            List<ChainEvent> before = f.committedEvents();

            assertThat(net.chain().anvil().call("evm_revert", snapshot).asBoolean()).isTrue();
            for (int i = 0; i < 4; i++) { // other blocks, past the old cursor
                net.ticketBroker().fundDeposit(sender, BigInteger.valueOf(100 + i)).requireSuccess("deposit");
            }
            assertThat(f.head()).isGreaterThan(cursor + 1);

            Await.until("the watcher to halt", WAIT, watcher::halted);
            assertThat(watcher.healthy()).isFalse();
            assertThat(watcher.cursor().orElseThrow().getLastEmittedBlock()).isEqualTo(cursor);
            Await.sleep(300);
            assertThat(f.committedEvents()).as("nothing emitted after the reorg").isEqualTo(before);
        }
    }
}
