package io.livepeerpool.payout.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.payout.worker.CrashPoint;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The payout worker (a child JVM) is killed with SIGKILL after its intent is committed, after the broadcast, or with
 * the transaction mined but before its outcomes are recorded; a new worker with the same wallet takes over. Every
 * payee's balance rises by exactly what was requested, once, and every request has exactly one outcome.
 */
class PayoutCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @ValueSource(strings = {CrashPoint.AFTER_INTENT, CrashPoint.AFTER_BROADCAST, CrashPoint.BEFORE_OUTCOME})
    void aKilledWorkerNeitherLosesNorDoublesAPayout(String point) throws Exception {
        try (PayoutFixture f = new PayoutFixture("crash")) {
            List<PayoutRequest> requests = new ArrayList<>();
            Map<Address, BigInteger> before = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                Address transcoder = PayoutFixture.freshAddress();
                Address payee = i % 2 == 0 ? null : PayoutFixture.freshAddress();
                requests.add(f.request(transcoder, payee, BigInteger.TEN.pow(15).add(BigInteger.valueOf(i))));
            }
            requests.forEach(r -> before.put(f.payeeOf(r), BigInteger.ZERO));
            long nonceBefore = f.walletNonce();

            Map<String, String> settings = new HashMap<>(f.baseSettings());
            settings.put("payout.batch.maxPayees", "2");
            settings.put("park", point);
            try (ChildPayouts child = ChildPayouts.start(f.suffix, f.chain.accounts().payout().privateKey(), settings)) {
                assertThat(child.awaitParked(WAIT)).isEqualTo(point);
                child.kill();
            }
            assertThat(f.outcomes()).as("no outcome before the kill").isEmpty();
            List<PayoutIntent> intents = f.intents();
            assertThat(intents).as("the intent was recorded before the kill").hasSize(1);
            assertThat(intents.getFirst().getPayouts()).hasSize(2).allSatisfy(p ->
                    assertThat(f.client().paid(PoolPayoutsClient.onChainId(p.getPayoutId()))).as("paid before the kill")
                            .isEqualTo(!point.equals(CrashPoint.AFTER_INTENT)));

            PayoutService successor = f.start(Map.of("payout.batch.maxPayees", "2"));
            PayoutFixture.await("every payout's outcome", WAIT, () -> f.outcomes().size() >= requests.size());
            Thread.sleep(2_000); // anything doubled would show up now
            successor.close();

            PaidOnce.check(f, requests, before, nonceBefore);
            assertThat(f.intents().stream().map(i -> i.getNonce()).distinct().count()).as("batches of two")
                    .isEqualTo(3);
        }
    }
}
