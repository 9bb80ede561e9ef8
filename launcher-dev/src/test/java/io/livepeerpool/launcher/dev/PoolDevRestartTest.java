package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.launcher.UserInputException;
import io.livepeerpool.launcher.bench.PinnedTls;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code pool dev} stopped and started again on its data dir goes on with the same chain: a payout made before the
 * restart is still on chain, the contracts are where they were, the round is the one it stopped at (nothing
 * fast-forwarded), and the next round reaches the gateway's status through the watcher's kept cursor.
 */
class PoolDevRestartTest {
    private static final Address PAYEE = Address.parse("0x00000000000000000000000000000000000ca5e5");
    private static final BigInteger PAYOUT = new BigInteger("424242424242424242");

    @Test
    @Timeout(420)
    void aRestartKeepsTheChainItsPayoutsAndItsRounds(@TempDir Path dir) throws Exception {
        DevCredentials before;
        long round;
        try (Running dev = Running.start(dir)) {
            before = dev.credentials();
            try (Chain chain = new Chain(before)) {
                Transactor payout = new Transactor(chain.web3j, Credentials.create(before.accounts().get("payout").privateKey()),
                        before.chainId());
                payout.transfer(PAYEE, PAYOUT).requireSuccess("payout before the restart");
                round = advanceRound(dir, before, chain);
                assertThat(chain.reader.balance(PAYEE)).isEqualTo(PAYOUT);
            }
        }

        try (Running dev = Running.start(dir)) {
            DevCredentials after = dev.credentials();
            assertThat(after.contracts()).isEqualTo(before.contracts());
            try (Chain chain = new Chain(after)) {
                assertThat(chain.reader.balance(PAYEE)).isEqualTo(PAYOUT);
                assertThat(chain.rounds.currentRound().longValueExact()).isEqualTo(round);
                assertThat(chain.rounds.currentRoundInitialized()).isTrue();
                await(Duration.ofSeconds(30), () -> status(after).get("round").asLong() == round);
                assertThat(advanceRound(dir, after, chain)).isEqualTo(round + 1);
            }
        }
    }

    @Test
    void aDataDirWithPoolDataButWithoutItsChainIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(DevCredentials.FILE_NAME), "{}"); // an earlier pool dev ran here
        DevCommand dev = new DevCommand();
        dev.dataDir = dir;
        assertThatThrownBy(dev::call).isInstanceOf(UserInputException.class)
                .hasMessageContaining("not the dev chain it refers to").hasMessageContaining("chain/contracts.json");
        assertThat(dir.resolve("kafka")).doesNotExist(); // refused before anything started
    }

    /** {@code pool dev advance-round}, then waits until the gateway's status shows the new round. */
    private static long advanceRound(Path dir, DevCredentials c, Chain chain) throws Exception {
        AdvanceRoundCommand advance = new AdvanceRoundCommand();
        advance.dataDir = dir;
        assertThat(advance.call()).isZero();
        long round = chain.rounds.currentRound().longValueExact();
        await(Duration.ofSeconds(30), () -> status(c).get("round").asLong() == round);
        return round;
    }

    private static JsonNode status(DevCredentials c) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(PinnedTls.trusting(Path.of(c.certificateFile()))).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(c.gatewayUrl()).resolve("/status"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Duration timeout, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.ok()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** pool dev in this JVM, stopped on close as SIGTERM would stop it. */
    private record Running(DevCommand dev, Thread thread, Path dir, Instant started) implements AutoCloseable {
        static Running start(Path dir) throws Exception {
            DevCommand dev = new DevCommand();
            dev.dataDir = dir;
            dev.gatewayPort = 0;
            dev.redeemerPort = 0;
            Instant started = Instant.now();
            Thread thread = Thread.ofPlatform().name("pool-dev").start(() -> {
                try {
                    dev.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Running running = new Running(dev, thread, dir, started);
            Path file = dir.resolve(DevCredentials.FILE_NAME);
            // written at every start, once everything is up
            await(Duration.ofMinutes(3), () -> Files.exists(file)
                    && Files.getLastModifiedTime(file).compareTo(FileTime.from(started)) >= 0);
            return running;
        }

        DevCredentials credentials() throws Exception {
            return DevCredentials.read(dir.resolve(DevCredentials.FILE_NAME));
        }

        @Override
        public void close() throws Exception {
            dev.stop();
            thread.join(60_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    private static final class Chain implements AutoCloseable {
        final Web3j web3j;
        final ChainReader reader;
        final RoundsManagerClient rounds;

        Chain(DevCredentials c) {
            web3j = Web3j.build(new HttpService(c.chainRpcUrl()));
            reader = new ChainReader(web3j);
            rounds = new RoundsManagerClient(reader, Address.parse(c.contracts().get("roundsManager")));
        }

        @Override
        public void close() {
            web3j.shutdown();
        }
    }
}
