package io.livepeerpool.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DevNetwork;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the chain option the devstack also runs Hardhat with the contracts deployed, and stops it on close. */
class DevstackChainTest {

    @Test
    void startsTheDevChainWithContractsAndStopsIt(@TempDir Path dir) throws Exception {
        long pid;
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dir).withChain(0))) {
            DevNetwork network = devstack.chain().orElseThrow();
            pid = network.chain().pid();
            assertThat(network.bondingManager().isActiveTranscoder(network.accounts().orchestrator().address())).isTrue();
            long before = network.roundsManager().currentRound().longValueExact();
            network.roundAdvancer().advance();
            assertThat(network.roundsManager().currentRound().longValueExact()).isEqualTo(before + 1);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void withoutTheOptionThereIsNoChain() {
        assertThat(SharedDevstack.get().chain()).isEmpty();
    }
}
