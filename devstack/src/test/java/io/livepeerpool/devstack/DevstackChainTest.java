package io.livepeerpool.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DevContracts;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the chain option the devstack also runs anvil with the contracts deployed, stops it on close, and on a start
 * on the same data dir goes on with the same chain: contracts not deployed again, rounds and balances kept.
 */
class DevstackChainTest {

    private static final Address PAYEE = Address.parse("0x00000000000000000000000000000000000b0b00");
    private static final BigInteger PAYOUT = BigInteger.valueOf(987_654_321_000L);

    @Test
    void startsTheDevChainWithContractsStopsItAndGoesOnWithItAfterARestart(@TempDir Path dir) throws Exception {
        long pid;
        DevContracts contracts;
        long round;
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dir).withChain(0))) {
            DevNetwork network = devstack.chain().orElseThrow();
            pid = network.chain().pid();
            contracts = network.contracts();
            assertThat(network.bondingManager().isActiveTranscoder(network.accounts().orchestrator().address())).isTrue();
            long before = network.roundsManager().currentRound().longValueExact();
            network.roundAdvancer().advance();
            round = network.roundsManager().currentRound().longValueExact();
            assertThat(round).isEqualTo(before + 1);
            network.chain().transactor(network.accounts().payout()).transfer(PAYEE, PAYOUT).requireSuccess("payout");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("chain/state.json")).isRegularFile();
        assertThat(dir.resolve("chain/contracts.json")).isRegularFile();

        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dir).withChain(0))) {
            DevNetwork network = devstack.chain().orElseThrow();
            assertThat(network.contracts()).isEqualTo(contracts);
            assertThat(network.roundsManager().currentRound().longValueExact()).isEqualTo(round);
            assertThat(network.roundsManager().currentRoundInitialized()).isTrue();
            assertThat(network.reader().balance(PAYEE)).isEqualTo(PAYOUT);
        }
    }

    @Test
    void withoutTheOptionThereIsNoChain() {
        assertThat(SharedDevstack.get().chain()).isEmpty();
    }
}
