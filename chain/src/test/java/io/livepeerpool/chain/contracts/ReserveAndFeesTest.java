package io.livepeerpool.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.SharedChain;
import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

/** Payment from the reserve (amount below faceValue, even 0), the feeShare split and fee withdrawal in ETH. */
class ReserveAndFeesTest {
    private static final BigInteger ETH = DeployOptions.ETHER;
    private static final BigInteger THREE_ETH = ETH.multiply(BigInteger.valueOf(3));
    private static final long FEE_SHARE = 250_000; // 25% to delegators

    private DevNetwork net;
    private TicketBrokerClient broker;
    private TicketMaker maker;
    private Address orchestrator;
    private Address broadcaster;

    @BeforeEach
    void deploy() {
        // deposit 1 ETH, reserve 2 ETH; a second orchestrator makes the pool size 2, so each may claim 1 ETH per round
        net = SharedChain.deploy(DeployOptions.defaults().withFeeShare(FEE_SHARE).withBroadcasterFunds(ETH, ETH.multiply(BigInteger.TWO)));
        Transactor second = net.chain().transactor(net.accounts().spare(2));
        net.bondingManager().registerTranscoder(second, 0, 500_000).requireSuccess("register");
        broker = net.ticketBroker();
        maker = net.ticketMaker();
        orchestrator = net.accounts().orchestrator().address();
        broadcaster = net.accounts().broadcaster().address();
    }

    @Test
    void aTicketAboveTheDepositIsPaidPartlyFromTheReserveAndTransfersLessThanFaceValue() {
        assertThat(net.bondingManager().transcoderPoolSize()).isEqualTo(BigInteger.TWO);
        assertThat(broker.claimableReserve(broadcaster, orchestrator)).isEqualTo(ETH);

        // 3 ETH passes the funding check (1 ETH deposit + 2 ETH reserve) but the reserve pays only this recipient's share
        SignedTicket t = maker.make(orchestrator, THREE_ETH, TicketMaker.ALWAYS_WINS);
        Redemption r = broker.redeemWinningTicket(net.redeemer(), t);

        assertThat(r.success()).isTrue();
        assertThat(r.amount()).isEqualTo(ETH.multiply(BigInteger.TWO)); // 1 ETH deposit + 1 ETH reserve share < 3 ETH
        List<Log> claimed = r.tx().logs(broker.address(), Abi.topic(TicketBrokerClient.RESERVE_CLAIMED));
        assertThat(claimed).hasSize(1);
        assertThat(Words.of(claimed.get(0).getData()).address(0)).isEqualTo(orchestrator);
        assertThat(Words.of(claimed.get(0).getData()).uint(1)).isEqualTo(ETH);

        assertThat(broker.senderInfo(broadcaster))
                .isEqualTo(new SenderInfo(BigInteger.ZERO, BigInteger.ZERO, ETH, ETH));
        assertThat(broker.claimedReserve(broadcaster, orchestrator)).isEqualTo(ETH);
        assertThat(broker.claimableReserve(broadcaster, orchestrator)).isZero();
        // the other orchestrator's share is untouched: (1 remaining + 1 claimed) / 2 - 0
        assertThat(broker.claimableReserve(broadcaster, net.accounts().spare(2).address())).isEqualTo(ETH);
    }

    @Test
    void aWinningTicketCanTransferZeroAndStillBeConsumed() {
        broker.redeemWinningTicket(net.redeemer(), maker.make(orchestrator, THREE_ETH, TicketMaker.ALWAYS_WINS))
                .tx().requireSuccess("first redemption");
        // 1 ETH left in the reserve covers the face value, but this recipient's share of it is used up (protocol #663)
        SignedTicket second = maker.make(orchestrator, ETH, TicketMaker.ALWAYS_WINS);

        Redemption r = broker.redeemWinningTicket(net.redeemer(), second);

        assertThat(r.success()).isTrue();
        assertThat(r.amount()).isZero();
        assertThat(broker.transfers(r.tx())).isEmpty();
        assertThat(r.tx().logs(broker.address(), Abi.topic(TicketBrokerClient.WINNING_TICKET_REDEEMED))).hasSize(1);
        assertThat(broker.isUsed(second.hash())).isTrue();
    }

    @Test
    void aNewRoundResetsTheClaims() {
        broker.redeemWinningTicket(net.redeemer(), maker.make(orchestrator, THREE_ETH, TicketMaker.ALWAYS_WINS))
                .tx().requireSuccess("redemption");
        assertThat(broker.claimableReserve(broadcaster, orchestrator)).isZero();
        net.roundAdvancer().advance();
        assertThat(broker.claimedReserve(broadcaster, orchestrator)).isZero();
        assertThat(broker.claimableReserve(broadcaster, orchestrator)).isEqualTo(ETH.divide(BigInteger.TWO)); // 1 ETH left / 2
        assertThat(broker.senderInfo(broadcaster).claimedInCurrentRound()).isZero();
    }

    @Test
    void aRecipientThatIsNotAnActiveOrchestratorGetsNothingFromTheReserve() {
        Address stranger = net.accounts().spare(3).address();
        assertThat(broker.claimableReserve(broadcaster, stranger)).isZero();
        Redemption r = broker.redeemWinningTicket(net.redeemer(), maker.make(stranger, THREE_ETH, TicketMaker.ALWAYS_WINS));
        assertThat(r.success()).isTrue();
        assertThat(r.amount()).isEqualTo(ETH); // the deposit only
    }

    @Test
    void feesAreSplitByFeeShareAndTheOrchestratorsPartIsWithdrawnInEth() {
        BigInteger faceValue = BigInteger.valueOf(1_000_003); // 25% is 250000.75: the delegators get the floor
        Redemption r = broker.redeemWinningTicket(net.redeemer(), maker.make(orchestrator, faceValue, TicketMaker.ALWAYS_WINS));
        assertThat(r.amount()).isEqualTo(faceValue);

        BondingManagerClient bonding = net.bondingManager();
        assertThat(bonding.delegatorsFees(orchestrator)).isEqualTo(BigInteger.valueOf(250_000));
        assertThat(bonding.pendingFees(orchestrator, net.roundsManager().currentRound())).isEqualTo(BigInteger.valueOf(750_003));
        assertThat(BondingManagerClient.delegatorsShare(faceValue, FEE_SHARE)).isEqualTo(BigInteger.valueOf(250_000));

        Address payout = net.accounts().payout().address();
        BigInteger payoutBefore = net.reader().balance(payout);
        TxResult withdrawal = bonding.withdrawFees(net.orchestrator(), payout, BigInteger.valueOf(700_000));

        assertThat(withdrawal.success()).isTrue();
        assertThat(net.reader().balance(payout)).isEqualTo(payoutBefore.add(BigInteger.valueOf(700_000)));
        assertThat(bonding.pendingFees(orchestrator, BigInteger.ZERO)).isEqualTo(BigInteger.valueOf(50_003));
        List<Log> events = withdrawal.logs(bonding.address(), Abi.topic(BondingManagerClient.WITHDRAW_FEES_EVENT));
        assertThat(events).hasSize(1);
        assertThat(Words.topicAddress(events.get(0).getTopics().get(1))).isEqualTo(orchestrator);
        assertThat(Words.of(events.get(0).getData()).address(0)).isEqualTo(payout);
        assertThat(Words.of(events.get(0).getData()).uint(1)).isEqualTo(BigInteger.valueOf(700_000));

        TxResult tooMuch = bonding.withdrawFees(net.orchestrator(), payout, BigInteger.valueOf(50_004));
        assertThat(tooMuch.success()).isFalse();
        assertThat(tooMuch.revertReason()).contains("insufficient fees to withdraw");
        assertThat(net.reader().balance(payout)).isEqualTo(payoutBefore.add(BigInteger.valueOf(700_000)));
    }

    @Test
    void registrationEmitsTranscoderUpdateWithFeeShareAndRewardIsEmitted() {
        TxResult update = net.bondingManager().registerTranscoder(net.orchestrator(), 50_000, 300_000);
        List<Log> logs = update.logs(net.bondingManager().address(), Abi.topic(BondingManagerClient.TRANSCODER_UPDATE));
        assertThat(logs).hasSize(1);
        assertThat(Words.of(logs.get(0).getData()).uint(0)).isEqualTo(BigInteger.valueOf(50_000));
        assertThat(Words.of(logs.get(0).getData()).uint(1)).isEqualTo(BigInteger.valueOf(300_000));
        assertThat(net.bondingManager().isActiveTranscoder(orchestrator)).isTrue();
        assertThat(net.bondingManager().transcoderPoolSize()).isEqualTo(BigInteger.TWO); // an update adds no one

        TxResult reward = net.bondingManager().reward(net.orchestrator());
        assertThat(reward.logs(net.bondingManager().address(), Abi.topic(BondingManagerClient.REWARD_EVENT))).hasSize(1);
        assertThat(net.bondingManager().reward(net.redeemer()).revertReason()).contains("caller must be an active transcoder");
    }
}
