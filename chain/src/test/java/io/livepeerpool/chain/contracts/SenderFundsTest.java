package io.livepeerpool.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.SharedChain;
import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;

/** A sender's funding, unlock, cancel and withdrawal, with their events. */
class SenderFundsTest {
    private static final BigInteger ETH = DeployOptions.ETHER;

    @Test
    void fundUnlockCancelAndWithdraw() {
        DevNetwork net = SharedChain.deploy(DeployOptions.defaults().withBroadcasterFunds(BigInteger.ZERO, BigInteger.ZERO));
        TicketBrokerClient broker = net.ticketBroker();
        DevAccount account = net.accounts().spare(4);
        Transactor sender = net.chain().transactor(account);

        TxResult deposit = broker.fundDeposit(sender, ETH);
        assertEvent(deposit, broker, TicketBrokerClient.DEPOSIT_FUNDED, account, ETH);
        TxResult reserve = broker.fundReserve(sender, ETH.multiply(BigInteger.TWO));
        assertEvent(reserve, broker, TicketBrokerClient.RESERVE_FUNDED, account, ETH.multiply(BigInteger.TWO));
        TxResult both = broker.fundDepositAndReserve(sender, BigInteger.ONE, BigInteger.TWO);
        assertThat(both.logs(broker.address(), Abi.topic(TicketBrokerClient.DEPOSIT_FUNDED))).hasSize(1);
        assertThat(both.logs(broker.address(), Abi.topic(TicketBrokerClient.RESERVE_FUNDED))).hasSize(1);
        assertThat(broker.senderInfo(account.address())).isEqualTo(new SenderInfo(
                ETH.add(BigInteger.ONE), BigInteger.ZERO, ETH.multiply(BigInteger.TWO).add(BigInteger.TWO), BigInteger.ZERO));

        TxResult wrongValue = sender.send(broker.address(), Abi.call(TicketBrokerClient.FUND_DEPOSIT_AND_RESERVE,
                new Uint256(1), new Uint256(1)), BigInteger.ONE, BigInteger.valueOf(200_000));
        assertThat(wrongValue.revertReason()).contains("msg.value does not equal sum of deposit amount and reserve amount");

        assertThat(broker.withdraw(sender).revertReason()).contains("no unlock request in progress");
        BigInteger round = net.roundsManager().currentRound();
        TxResult unlock = broker.unlock(sender);
        List<Log> unlocks = unlock.logs(broker.address(), Abi.topic(TicketBrokerClient.UNLOCK_EVENT));
        assertThat(unlocks).hasSize(1);
        assertThat(Words.of(unlocks.get(0).getData()).uint(0)).isEqualTo(round);
        assertThat(Words.of(unlocks.get(0).getData()).uint(1)).isEqualTo(round.add(BigInteger.TWO));
        assertThat(broker.senderInfo(account.address()).withdrawRound()).isEqualTo(round.add(BigInteger.TWO));
        assertThat(broker.unlock(sender).revertReason()).contains("unlock already initiated");
        assertThat(broker.withdraw(sender).revertReason()).contains("account is locked");

        TxResult cancel = broker.cancelUnlock(sender);
        assertThat(cancel.logs(broker.address(), Abi.topic(TicketBrokerClient.UNLOCK_CANCELLED))).hasSize(1);
        assertThat(broker.senderInfo(account.address()).unlockInProgress()).isFalse();
        assertThat(broker.cancelUnlock(sender).revertReason()).contains("no unlock request in progress");

        broker.unlock(sender).requireSuccess("unlock");
        net.roundAdvancer().advance(2);
        BigInteger balanceBefore = net.reader().balance(account.address());
        TxResult withdrawal = broker.withdraw(sender);
        assertThat(withdrawal.success()).isTrue();
        List<Log> logs = withdrawal.logs(broker.address(), Abi.topic(TicketBrokerClient.WITHDRAWAL));
        assertThat(logs).hasSize(1);
        assertThat(Words.of(logs.get(0).getData()).uint(0)).isEqualTo(ETH.add(BigInteger.ONE));
        assertThat(Words.of(logs.get(0).getData()).uint(1)).isEqualTo(ETH.multiply(BigInteger.TWO).add(BigInteger.TWO));
        BigInteger total = ETH.multiply(BigInteger.valueOf(3)).add(BigInteger.valueOf(3));
        assertThat(net.reader().balance(account.address())).isEqualTo(balanceBefore.add(total).subtract(withdrawal.gasCost()));
        // withdrawRound is kept, as on Livepeer (it was reset to 0 before the dev contract followed the real one)
        BigInteger withdrawRound = round.add(BigInteger.TWO);
        assertThat(broker.senderInfo(account.address()))
                .isEqualTo(new SenderInfo(BigInteger.ZERO, withdrawRound, BigInteger.ZERO, BigInteger.ZERO));
        assertThat(broker.isUnlockInProgress(account.address())).isTrue();
        assertThat(broker.unlock(sender).revertReason()).contains("sender deposit and reserve are zero");
    }

    @Test
    void fundingDuringAnUnlockCancelsIt() {
        DevNetwork net = SharedChain.deploy(DeployOptions.defaults().withBroadcasterFunds(BigInteger.ZERO, BigInteger.ZERO));
        Transactor sender = net.chain().transactor(net.accounts().spare(5));
        net.ticketBroker().fundDeposit(sender, ETH).requireSuccess("fund");
        net.ticketBroker().unlock(sender).requireSuccess("unlock");
        TxResult topUp = net.ticketBroker().fundReserve(sender, ETH);
        assertThat(topUp.logs(net.ticketBroker().address(), Abi.topic(TicketBrokerClient.UNLOCK_CANCELLED))).hasSize(1);
        assertThat(net.ticketBroker().senderInfo(sender.address()).unlockInProgress()).isFalse();
    }

    private static void assertEvent(TxResult tx, TicketBrokerClient broker, String event, DevAccount who, BigInteger amount) {
        List<Log> logs = tx.logs(broker.address(), Abi.topic(event));
        assertThat(logs).as(event).hasSize(1);
        assertThat(Words.topicAddress(logs.get(0).getTopics().get(1))).isEqualTo(who.address());
        assertThat(Words.of(logs.get(0).getData()).uint(0)).isEqualTo(amount);
    }
}
