package io.livepeerpool.payout.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.devstack.FlakyRpcProxy;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.PayoutRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** RPC faults and an empty wallet: payouts are neither lost nor doubled. */
class PayoutFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    /** open-ethereum-pool #216: the node takes the transaction, the answer never arrives in time. */
    @Test
    void aBroadcastThatTimesOutButWentOutIsNotPaidTwice() throws Exception {
        try (PayoutFixture f = new PayoutFixture("late");
             FlakyRpcProxy proxy = FlakyRpcProxy.answeringLate(f.chain.rpcUrl(), "eth_sendRawTransaction",
                     Duration.ofMillis(2_500))) {
            List<PayoutRequest> requests = requests(f, 3);
            Map<Address, BigInteger> before = zeros(f, requests);
            long nonceBefore = f.walletNonce();

            PayoutService worker = f.start(Map.of("chain.rpcUrl", proxy.url(), "chain.rpcTimeoutMs", "1000",
                    "payout.batch.maxPayees", "2"));
            PayoutFixture.await("every outcome", WAIT, () -> f.outcomes().size() >= requests.size());
            Thread.sleep(2_000);
            worker.close();

            assertThat(proxy.answeredLate()).as("broadcasts answered past the timeout").isGreaterThanOrEqualTo(2);
            assertThat(worker.metrics().rpcErrorCount()).as("timeouts seen by the worker").isPositive();
            PaidOnce.check(f, requests, before, nonceBefore);
        }
    }

    @Test
    void rpcFlapsNeitherLoseNorDoubleAPayout() throws Exception {
        try (PayoutFixture f = new PayoutFixture("flaky");
             FlakyRpcProxy proxy = new FlakyRpcProxy(f.chain.rpcUrl(), 11, 0.2, Duration.ofMillis(1_500))) {
            List<PayoutRequest> requests = requests(f, 6);
            Map<Address, BigInteger> before = zeros(f, requests);
            long nonceBefore = f.walletNonce();

            PayoutService worker = f.start(Map.of("chain.rpcUrl", proxy.url(), "chain.rpcTimeoutMs", "1000",
                    "payout.batch.maxPayees", "2"));
            PayoutFixture.await("every outcome", WAIT, () -> f.outcomes().size() >= requests.size());
            Thread.sleep(2_000);
            worker.close();

            assertThat(proxy.injectedTotal()).as("failures injected").isPositive();
            assertThat(worker.metrics().rpcErrorCount()).as("failures seen").isPositive();
            PaidOnce.check(f, requests, before, nonceBefore);
        }
    }

    @Test
    void aWalletShortOfFundsWaitsThenPaysOnceFunded() throws Exception {
        Credentials empty = Credentials.create(Keys.createEcKeyPair());
        try (PayoutFixture f = new PayoutFixture("short", empty)) {
            List<PayoutRequest> requests = requests(f, 2);
            Map<Address, BigInteger> before = zeros(f, requests);

            PayoutService worker = f.start(Map.of());
            PayoutFixture.await("the worker to notice", WAIT, worker::fundsShort);
            Thread.sleep(1_500);
            assertThat(worker.healthy()).as("degraded while short").isFalse();
            assertThat(worker.failed()).isFalse();
            assertThat(worker.metrics().shortfallWei()).isPositive();
            assertThat(f.intents()).as("nothing signed while short").isEmpty();
            assertThat(f.walletNonce()).isZero();

            f.chain.transactor(f.chain.accounts().deployer()).transfer(Address.parse(empty.getAddress()),
                    DeployOptions.ETHER).requireSuccess("funding the payout wallet");
            PayoutFixture.await("every outcome", WAIT, () -> f.outcomes().size() >= requests.size());
            PayoutFixture.await("healthy again", WAIT, worker::healthy);
            Thread.sleep(1_000);
            worker.close();

            assertThat(worker.metrics().shortfallWei()).isZero();
            PaidOnce.check(f, requests, before, 0);
        }
    }

    static List<PayoutRequest> requests(PayoutFixture f, int n) {
        List<PayoutRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.request(PayoutFixture.freshAddress(), null, BigInteger.TEN.pow(16).add(BigInteger.valueOf(i))));
        }
        return out;
    }

    static Map<Address, BigInteger> zeros(PayoutFixture f, List<PayoutRequest> requests) {
        Map<Address, BigInteger> m = new HashMap<>();
        requests.forEach(r -> m.put(f.payeeOf(r), BigInteger.ZERO));
        return m;
    }
}
