package io.livepeerpool.chain.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.SharedChain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameterName;

class DevChainTest {
    private static final Logger log = LoggerFactory.getLogger(DevChainTest.class);

    @Test
    void startsWithTheChainIdAndTheDerivedFundedAccountsAndLeavesNothingBehindOnClose(@TempDir Path workDir) throws Exception {
        DevChain chain = DevChain.start(DevChainOptions.defaults().withWorkDir(workDir));
        long pid = chain.pid();
        long anvilPid = chain.anvilPid().orElseThrow();
        int port = chain.port();
        try {
            log.info("dev chain start-up: {} ms", chain.startupTime().toMillis());
            assertThat(chain.startupTime()).isLessThan(Duration.ofSeconds(30));
            assertThat(chain.anvil().chainId()).isEqualTo(31337);
            assertThat(chain.web3j().ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(31337));
            assertThat(chain.anvil().accounts()).containsExactlyElementsOf(
                    chain.accounts().all().stream().map(a -> a.address().hex()).toList());
            BigInteger balance = chain.web3j().ethGetBalance(chain.accounts().broadcaster().address().hex(),
                    DefaultBlockParameterName.LATEST).send().getBalance();
            assertThat(balance).isEqualTo(BigInteger.TEN.pow(22)); // 10,000 ETH
            assertThat(chain.logFile()).isEqualTo(workDir.resolve("anvil.log")).isRegularFile();
            assertThat(workDir.resolve("anvil.pid")).content().contains(Long.toString(pid));
        } finally {
            chain.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(ProcessHandle.of(anvilPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(portOpen(port)).isFalse();
        assertThat(workDir.resolve("anvil.pid")).doesNotExist();
        chain.close(); // idempotent
    }

    @Test
    void theNodeDiesWithAJvmKilledOutrightAndWithOneStoppedNormally() throws Exception {
        for (boolean kill9 : new boolean[] {true, false}) {
            Process jvm = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    DevChainMain.class.getName(), "0"))
                    .redirectErrorStream(true)
                    .start();
            long nodePid = -1;
            long wrapperPid = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.startsWith("ready")) {
                    if (line.startsWith("nodePid=")) {
                        nodePid = Long.parseLong(line.substring("nodePid=".length()));
                    }
                    if (line.startsWith("wrapperPid=")) {
                        wrapperPid = Long.parseLong(line.substring("wrapperPid=".length()));
                    }
                }
                assertThat(line).as("DevChainMain output ends with ready").isNotNull();
            } finally {
                if (kill9) {
                    jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs; the node sees its stdin close
                } else {
                    jvm.destroy(); // SIGTERM: the shutdown hook stops the node
                }
                jvm.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(nodePid).isPositive();
            assertThat(wrapperPid).isPositive();
            for (long pid : new long[] {nodePid, wrapperPid}) {
                Optional<ProcessHandle> node = ProcessHandle.of(pid);
                if (node.isPresent()) {
                    node.get().onExit().get(15, TimeUnit.SECONDS);
                }
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("kill9=" + kill9 + " pid " + pid)
                        .isIn(Optional.empty(), Optional.of(false));
            }
        }
    }

    @Test
    void theSharedChainAnswers() throws Exception {
        assertThat(SharedChain.get().web3j().ethBlockNumber().send().getBlockNumber()).isNotNegative();
    }

    private static boolean portOpen(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
