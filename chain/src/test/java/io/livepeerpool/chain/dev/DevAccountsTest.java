package io.livepeerpool.chain.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.protocol.address.Address;
import org.junit.jupiter.api.Test;

class DevAccountsTest {

    @Test
    void theDevMnemonicGivesTheWellKnownAccounts() {
        DevAccounts accounts = DevAccounts.fromMnemonic(DevAccounts.DEV_MNEMONIC, 6);
        assertThat(accounts.deployer().address()).isEqualTo(Address.parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        assertThat(accounts.deployer().privateKey())
                .isEqualTo("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        assertThat(accounts.orchestrator().address()).isEqualTo(Address.parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
        assertThat(accounts.broadcaster().address()).isEqualTo(Address.parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
        assertThat(accounts.spare(0).index()).isEqualTo(5);
        assertThat(accounts.all()).hasSize(6);
        assertThat(accounts.orchestrator().toString()).doesNotContain(accounts.orchestrator().privateKey().substring(2));
        assertThatThrownBy(() -> accounts.spare(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
