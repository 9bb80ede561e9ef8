package io.livepeerpool.chain.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.SharedChain;
import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PoolPayouts on the dev chain through {@link PoolPayoutsClient}: batch pay, refusal, at most once per id, refunds. */
class PoolPayoutsTest {
    private static final BigInteger GAS = BigInteger.valueOf(1_000_000);
    private static DevNetwork net;
    private static PoolPayoutsClient payouts;
    private static Transactor payer;

    @BeforeAll
    static void deploy() {
        net = SharedChain.deploy();
        payouts = net.poolPayouts();
        payer = net.chain().transactor(net.accounts().payout());
    }

    @Test
    void theAbiHasTheClientsSignatures() {
        ContractArtifact a = ContractArtifact.load(ContractArtifact.POOL_PAYOUTS);
        assertThat(a.functionSignatures()).contains(PoolPayoutsClient.PAY, PoolPayoutsClient.PAID,
                PoolPayoutsClient.REFUSED, PoolPayoutsClient.PAYER, PoolPayoutsClient.SET_PAYER);
        assertThat(a.eventSignatures()).contains(PoolPayoutsClient.PAYOUT_PAID, PoolPayoutsClient.PAYOUT_REFUSED,
                PoolPayoutsClient.PAYOUT_SKIPPED);
        assertThat(payouts.payer()).isEqualTo(net.accounts().payout().address());
    }

    @Test
    void paysABatchOnceRecordsARefusalAndRefundsTheRest() throws Exception {
        Address refusing = net.deployer().deploy(ContractArtifact.load(ContractArtifact.REFUSING_PAYEE).bytecode(),
                BigInteger.valueOf(300_000), ContractArtifact.REFUSING_PAYEE);
        Address a = net.accounts().spare(3).address();
        Address b = net.accounts().spare(4).address();
        PayoutLine toA = new PayoutLine(PoolPayoutsClient.onChainId("batch-a-" + System.nanoTime()), a, BigInteger.valueOf(1_000));
        PayoutLine toRefusing = new PayoutLine(PoolPayoutsClient.onChainId("batch-r-" + System.nanoTime()), refusing,
                BigInteger.valueOf(2_000));
        PayoutLine toB = new PayoutLine(PoolPayoutsClient.onChainId("batch-b-" + System.nanoTime()), b, BigInteger.valueOf(3_000));
        BigInteger aBefore = net.reader().balance(a);
        BigInteger bBefore = net.reader().balance(b);
        BigInteger payerBefore = net.reader().balance(payer.address());

        TxResult tx = payouts.pay(payer, List.of(toA, toRefusing, toB), GAS).requireSuccess("pay");

        assertThat(payouts.logs(tx)).extracting(l -> l.getClass().getSimpleName())
                .containsExactly("Paid", "Refused", "Paid");
        assertThat(payouts.logs(tx).get(1)).isEqualTo(new PayoutLog.Refused(toRefusing.id(), refusing,
                BigInteger.valueOf(2_000), payouts.logs(tx).get(1).logIndex()));
        assertThat(net.reader().balance(a).subtract(aBefore)).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(net.reader().balance(b).subtract(bBefore)).isEqualTo(BigInteger.valueOf(3_000));
        assertThat(net.reader().balance(refusing)).isZero();
        // the payer spent the two payments and the gas: the refused 2,000 wei came back in the same transaction
        assertThat(payerBefore.subtract(net.reader().balance(payer.address())))
                .isEqualTo(BigInteger.valueOf(4_000).add(tx.gasCost()));
        assertThat(payouts.paid(toA.id())).isTrue();
        assertThat(payouts.paid(toRefusing.id())).isFalse();
        assertThat(payouts.refused(toRefusing.id())).isTrue();

        // the same ids again: nothing is sent, everything comes back
        BigInteger payerAgain = net.reader().balance(payer.address());
        TxResult again = payouts.pay(payer, List.of(toA, toRefusing, toB), GAS).requireSuccess("pay again");
        assertThat(payouts.logs(again)).allMatch(l -> l instanceof PayoutLog.Skipped);
        assertThat(net.reader().balance(a).subtract(aBefore)).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(payerAgain.subtract(net.reader().balance(payer.address()))).isEqualTo(again.gasCost());
    }

    @Test
    void onlyThePayerMayPay() {
        PayoutLine line = new PayoutLine(PoolPayoutsClient.onChainId("stranger-" + System.nanoTime()),
                net.accounts().spare(3).address(), BigInteger.TEN);
        TxResult tx = payouts.pay(net.chain().transactor(net.accounts().spare(5)), List.of(line), GAS);
        assertThat(tx.success()).isFalse();
        assertThat(tx.revertReason()).contains("not the payer");
        assertThat(payouts.paid(line.id())).isFalse();
    }

    @Test
    void tooLittleGasRevertsInsteadOfRefusingAWillingPayee() {
        PayoutLine line = new PayoutLine(PoolPayoutsClient.onChainId("low-gas-" + System.nanoTime()),
                net.accounts().spare(3).address(), BigInteger.TEN);
        TxResult tx = payouts.pay(payer, List.of(line), BigInteger.valueOf(60_000));
        assertThat(tx.success()).isFalse();
        assertThat(payouts.paid(line.id())).isFalse();
        assertThat(payouts.refused(line.id())).isFalse();
    }

    @Test
    void theOnChainIdIsKeccakOfTheUtf8PayoutId() {
        assertThat(PoolPayoutsClient.onChainId("").hex())
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }
}
