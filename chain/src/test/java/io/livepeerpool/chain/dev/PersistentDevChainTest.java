package io.livepeerpool.chain.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.http.HttpService;

/**
 * A dev chain kept in a state file (anvil --state) goes on where it stopped: a payout made before a restart is still
 * on chain after it, with the blocks, the contracts (not deployed again) and the rounds.
 */
class PersistentDevChainTest {
    private static final Address PAYEE = Address.parse("0x00000000000000000000000000000000000a11ce");
    private static final BigInteger PAYOUT = new BigInteger("1234567890123456789");

    private static DevChainOptions kept(Path dir) {
        return DevChainOptions.defaults().withWorkDir(dir).withStateFile(dir.resolve("state.json"));
    }

    @Test
    void aCleanRestartKeepsThePayoutTheBlocksTheContractsAndTheRound(@TempDir Path dir) throws Exception {
        Path contractsFile = dir.resolve("contracts.json");
        DevContracts deployed;
        BigInteger block;
        BigInteger round;
        BigInteger deployerNonce;
        String brokerCode;
        String payoutTx;
        try (DevChain chain = DevChain.start(kept(dir))) {
            assertThat(chain.restoredFromState()).isFalse();
            DevNetwork net = DevNetwork.openOrDeploy(chain, contractsFile, DeployOptions.defaults());
            deployed = net.contracts();
            assertThat(contractsFile).isRegularFile();
            round = net.roundAdvancer().advance(2);
            TxResult payout = chain.transactor(chain.accounts().payout()).transfer(PAYEE, PAYOUT).requireSuccess("payout");
            payoutTx = payout.txHash();
            block = net.reader().blockNumber();
            deployerNonce = nonce(chain, chain.accounts().deployer().address());
            brokerCode = chain.anvil().code(deployed.ticketBroker().hex());
            assertThat(net.reader().balance(PAYEE)).isEqualTo(PAYOUT);
        }
        assertThat(dir.resolve("state.json")).isRegularFile();

        try (DevChain chain = DevChain.start(kept(dir))) {
            assertThat(chain.restoredFromState()).isTrue();
            DevNetwork net = DevNetwork.openOrDeploy(chain, contractsFile, DeployOptions.defaults());
            assertThat(net.contracts()).isEqualTo(deployed);
            // nothing was deployed again: no block, no deployer transaction since the stop
            assertThat(net.reader().blockNumber()).isEqualTo(block);
            assertThat(nonce(chain, chain.accounts().deployer().address())).isEqualTo(deployerNonce);
            assertThat(net.reader().balance(PAYEE)).isEqualTo(PAYOUT);
            assertThat(chain.anvil().code(deployed.ticketBroker().hex())).isEqualTo(brokerCode).isNotEqualTo("0x");
            assertThat(net.roundsManager().currentRound()).isEqualTo(round);
            assertThat(net.roundsManager().currentRoundInitialized()).isTrue();
            assertThat(chain.web3j().ethGetTransactionReceipt(payoutTx).send().getTransactionReceipt())
                    .hasValueSatisfying(r -> assertThat(r.getBlockNumber()).isLessThanOrEqualTo(block));
            // the logs of the blocks before the restart are still there: two NewRound events after the deployment's
            EthFilter newRounds = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    deployed.roundsManager().hex());
            assertThat(chain.web3j().ethGetLogs(newRounds).send().getLogs()).hasSize(3);

            // and the chain goes on: the next round, a second payout at the next nonce
            assertThat(net.roundAdvancer().advance()).isEqualTo(round.add(BigInteger.ONE));
            chain.transactor(chain.accounts().payout()).transfer(PAYEE, PAYOUT).requireSuccess("second payout");
            assertThat(net.reader().balance(PAYEE)).isEqualTo(PAYOUT.shiftLeft(1));
        }
    }

    @Test
    void aJvmKilledWithMinus9StillLeavesTheChainSaved(@TempDir Path dir) throws Exception {
        Process jvm = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                // saved every hour: only the save on stop can keep the payout
                DevChainMain.class.getName(), "0", dir.toString(), "3600"))
                .redirectErrorStream(true)
                .start();
        String rpcUrl = null;
        long nodePid = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready")) {
                if (line.startsWith("rpcUrl=")) {
                    rpcUrl = line.substring("rpcUrl=".length());
                }
                if (line.startsWith("nodePid=")) {
                    nodePid = Long.parseLong(line.substring("nodePid=".length()));
                }
            }
            assertThat(line).as("DevChainMain output ends with ready").isNotNull();
            DevAccounts accounts = DevAccounts.fromMnemonic(DevAccounts.DEV_MNEMONIC, 5);
            Web3j web3j = Web3j.build(new HttpService(rpcUrl));
            try {
                new io.livepeerpool.chain.tx.Transactor(web3j, accounts.payout().credentials(), DevChainOptions.DEFAULT_CHAIN_ID)
                        .transfer(PAYEE, PAYOUT).requireSuccess("payout");
            } finally {
                web3j.shutdown();
            }
        } finally {
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook; exit-with-parent sees its stdin close and stops anvil
            jvm.waitFor(30, TimeUnit.SECONDS);
        }
        Optional<ProcessHandle> node = ProcessHandle.of(nodePid);
        if (node.isPresent()) {
            node.get().onExit().get(20, TimeUnit.SECONDS);
        }
        try (DevChain chain = DevChain.start(kept(dir))) {
            assertThat(chain.restoredFromState()).isTrue();
            DevNetwork net = DevNetwork.openOrDeploy(chain, dir.resolve("contracts.json"), DeployOptions.defaults());
            assertThat(net.reader().balance(PAYEE)).isEqualTo(PAYOUT);
        }
    }

    @Test
    void anvilKilledWithMinus9LosesAtMostTheLastStateInterval(@TempDir Path dir) throws Exception {
        DevChainOptions options = kept(dir).withStateInterval(java.time.Duration.ofSeconds(1));
        DevChain chain = DevChain.start(options);
        try {
            DevNetwork.openOrDeploy(chain, dir.resolve("contracts.json"), DeployOptions.defaults());
            chain.transactor(chain.accounts().payout()).transfer(PAYEE, PAYOUT).requireSuccess("payout");
            Thread.sleep(2_500); // past one periodic save
            ProcessHandle anvil = ProcessHandle.of(chain.anvilPid().orElseThrow()).orElseThrow();
            anvil.destroyForcibly();
            anvil.onExit().get(10, TimeUnit.SECONDS);
        } finally {
            chain.close();
        }
        try (DevChain restarted = DevChain.start(options)) {
            DevNetwork net = DevNetwork.openOrDeploy(restarted, dir.resolve("contracts.json"), DeployOptions.defaults());
            assertThat(net.reader().balance(PAYEE)).isEqualTo(PAYOUT);
        }
    }

    @Test
    void aStateFileAndAContractsFileThatDisagreeStopTheStart(@TempDir Path dir) throws Exception {
        Path contractsFile = dir.resolve("contracts.json");
        try (DevChain chain = DevChain.start(kept(dir))) {
            DevNetwork.openOrDeploy(chain, contractsFile, DeployOptions.defaults());
        }
        String recorded = Files.readString(contractsFile);

        // the contracts file names an address without code on this chain
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(recorded);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("contracts").get("TicketBroker"))
                .put("address", PAYEE.hex());
        Files.writeString(contractsFile, Json.mapper().writeValueAsString(tree));
        try (DevChain chain = DevChain.start(kept(dir))) {
            assertThatThrownBy(() -> DevNetwork.openOrDeploy(chain, contractsFile, DeployOptions.defaults()))
                    .hasMessageContaining("disagree").hasMessageContaining("no code at " + PAYEE.hex());
        }

        // a state without its contracts file
        Files.delete(contractsFile);
        try (DevChain chain = DevChain.start(kept(dir))) {
            assertThatThrownBy(() -> DevNetwork.openOrDeploy(chain, contractsFile, DeployOptions.defaults()))
                    .hasMessageContaining("has no record of its contracts");
        }

        // a contracts file without the state it was recorded on
        Files.writeString(contractsFile, recorded);
        Files.delete(dir.resolve("state.json"));
        try (DevChain chain = DevChain.start(kept(dir))) {
            assertThat(chain.restoredFromState()).isFalse();
            assertThatThrownBy(() -> DevNetwork.openOrDeploy(chain, contractsFile, DeployOptions.defaults()))
                    .hasMessageContaining("is missing");
        }
    }

    private static BigInteger nonce(DevChain chain, Address account) throws Exception {
        return chain.web3j().ethGetTransactionCount(account.hex(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }
}
