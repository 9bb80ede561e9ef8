package io.livepeerpool.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.SharedChain;
import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.protocol.ticket.TicketSignature;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;

/** Redemption of real signed tickets on the dev TicketBroker: hashing, payment, and every revert reason. */
class TicketRedemptionTest {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private static DevNetwork net;
    private static TicketBrokerClient broker;
    private static TicketMaker maker;
    private static Address orchestrator;

    @BeforeAll
    static void deploy() {
        net = SharedChain.deploy();
        broker = net.ticketBroker();
        maker = net.ticketMaker();
        orchestrator = net.accounts().orchestrator().address();
    }

    /** Rounds are block ranges shared by every deployment on the chain: other tests advance them. */
    @BeforeEach
    void currentRoundInitialized() {
        net.roundAdvancer().ensureCurrentRoundInitialized();
    }

    @Test
    void ticketHashComputedInJavaEqualsTheContracts() {
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            SignedTicket t = maker.draft(orchestrator)
                    .faceValue(new BigInteger(200, random))
                    .winProb(new BigInteger(256, random))
                    .senderNonce(new BigInteger(64, random))
                    .sign();
            assertThat(broker.ticketHash(t.ticket())).isEqualTo(TicketHash.of(t.ticket()));
        }
        SignedTicket extremes = maker.draft(orchestrator).faceValue(Uint256.MAX).winProb(BigInteger.ZERO)
                .senderNonce(Uint256.MAX).sign();
        assertThat(broker.ticketHash(extremes.ticket())).isEqualTo(TicketHash.of(extremes.ticket()));
    }

    @Test
    void aWinningTicketPaysItsFaceValueFromTheDepositAndIsMarkedUsedUnderTheJavaHash() {
        BigInteger faceValue = GWEI.multiply(BigInteger.valueOf(1_234_567));
        SignedTicket t = maker.make(orchestrator, faceValue, TicketMaker.ALWAYS_WINS);
        SenderInfo before = broker.senderInfo(maker.sender());
        BigInteger feesBefore = net.bondingManager().pendingFees(orchestrator, BigInteger.ZERO);

        assertThat(broker.isUsed(TicketHash.of(t.ticket()))).isFalse();
        Redemption r = broker.redeemWinningTicket(net.redeemer(), t);

        assertThat(r.success()).isTrue();
        assertThat(r.amount()).isEqualTo(faceValue);
        assertThat(broker.isUsed(TicketHash.of(t.ticket()))).isTrue();
        assertThat(broker.senderInfo(maker.sender()).deposit()).isEqualTo(before.deposit().subtract(faceValue));
        assertThat(broker.transfers(r.tx())).containsExactly(new WinningTicketTransfer(maker.sender(), orchestrator, faceValue));

        List<Log> redeemed = r.tx().logs(broker.address(), Abi.topic(TicketBrokerClient.WINNING_TICKET_REDEEMED));
        assertThat(redeemed).hasSize(1);
        Words data = Words.of(redeemed.get(0).getData());
        assertThat(data.uint(0)).isEqualTo(faceValue);
        assertThat(data.uint(1)).isEqualTo(TicketMaker.ALWAYS_WINS);
        assertThat(data.uint(2)).isEqualTo(t.ticket().senderNonce());
        assertThat(data.uint(3)).isEqualTo(t.recipientRand());
        assertThat(Words.topicAddress(redeemed.get(0).getTopics().get(1))).isEqualTo(maker.sender());
        assertThat(Words.topicAddress(redeemed.get(0).getTopics().get(2))).isEqualTo(orchestrator);

        long feeShare = net.contracts().options().feeSharePpm();
        assertThat(net.bondingManager().pendingFees(orchestrator, BigInteger.ZERO))
                .isEqualTo(feesBefore.add(faceValue.subtract(BondingManagerClient.delegatorsShare(faceValue, feeShare))));
    }

    @Test
    void aTicketWonWithARealisticWinProbIsRedeemed() {
        BigInteger oneInTen = Uint256.MAX.divide(BigInteger.TEN);
        SignedTicket t = maker.makeWinning(orchestrator, GWEI, oneInTen);
        assertThat(t.wins()).isTrue();
        assertThat(broker.redeemWinningTicket(net.redeemer(), t).amount()).isEqualTo(GWEI);
    }

    @Test
    void aUsedTicketReverts() {
        SignedTicket t = maker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS);
        assertThat(broker.redeemWinningTicket(net.redeemer(), t).success()).isTrue();
        assertReverts(t, "ticket is used");
    }

    @Test
    void aTicketThatDidNotWinReverts() {
        assertReverts(maker.make(orchestrator, GWEI, TicketMaker.NEVER_WINS), "ticket did not win");
    }

    @Test
    void aWrongRecipientRandReverts() {
        SignedTicket t = maker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS);
        SignedTicket wrongRand = new SignedTicket(t.ticket(), t.sig(), t.recipientRand().add(BigInteger.ONE));
        assertReverts(wrongRand, "recipientRand does not match recipientRandHash");
    }

    @Test
    void aCreationRoundWithoutBlockHashReverts() {
        BigInteger future = net.roundsManager().lastInitializedRound().add(BigInteger.valueOf(5));
        SignedTicket t = maker.draft(orchestrator).faceValue(GWEI)
                .creationRound(future, Bytes32.parse("0x" + "ab".repeat(32))).sign();
        assertReverts(t, "ticket creationRound does not have a block hash");
    }

    @Test
    void aCreationRoundBlockHashThatDiffersReverts() {
        BigInteger round = net.roundsManager().lastInitializedRound();
        SignedTicket t = maker.draft(orchestrator).faceValue(GWEI)
                .creationRound(round, Bytes32.parse("0x" + "cd".repeat(32))).sign();
        assertReverts(t, "ticket creationRoundBlockHash invalid for creationRound");
    }

    @Test
    void aSignatureByAnotherKeyReverts() throws Exception {
        SignedTicket t = maker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS);
        byte[] otherSig = TicketSignature.sign(t.hash(), Keys.createEcKeyPair());
        assertReverts(new SignedTicket(t.ticket(), otherSig, t.recipientRand()), "invalid signature over ticket hash");
    }

    @Test
    void anExpiredTicketReverts() {
        // a separate deployment, so advancing its rounds does not age the other tests' tickets
        DevNetwork own = SharedChain.deploy();
        SignedTicket t = own.ticketMaker().make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS);
        own.roundAdvancer().advance(1);
        assertThat(own.ticketBroker().redeemRevertReason(own.redeemer().address(), t)).isEmpty(); // still valid
        own.roundAdvancer().advance(1); // creationRound + ticketValidityPeriod (2) == currentRound
        assertRevertsOn(own, t, "ticket is expired");
    }

    @Test
    void aTicketFromAnUnlockedSenderReverts() {
        DevNetwork own = SharedChain.deploy();
        DevAccount sender = own.accounts().spare(0);
        Transactor senderTx = own.chain().transactor(sender);
        own.ticketBroker().fundDeposit(senderTx, GWEI.multiply(GWEI)).requireSuccess("fund");
        own.ticketBroker().unlock(senderTx).requireSuccess("unlock"); // withdrawRound = current + 2
        own.roundAdvancer().advance(1);
        TicketMaker spareMaker = new TicketMaker(own.roundsManager(), sender.credentials());
        SignedTicket t = spareMaker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS);
        assertThat(own.ticketBroker().redeemRevertReason(own.redeemer().address(), t)).isEmpty(); // unlocking, not unlocked
        own.roundAdvancer().advance(1);
        assertRevertsOn(own, t, "sender is unlocked");
    }

    @Test
    void aSenderWithoutDepositAndReserveFailsTheFundingCheck() {
        // before the funding check (protocol PR #657) this was "sender deposit and reserve are zero"
        DevAccount unfunded = net.accounts().spare(1);
        TicketMaker unfundedMaker = new TicketMaker(net.roundsManager(), unfunded.credentials());
        assertReverts(unfundedMaker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS),
                "sender deposit and reserve insufficient to cover ticket face value");
    }

    @Test
    void aBatchRedeemsTheGoodTicketsAndSkipsTheBadOne() {
        SignedTicket good1 = maker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS);
        SignedTicket loser = maker.make(orchestrator, GWEI, TicketMaker.NEVER_WINS);
        SignedTicket good2 = maker.make(orchestrator, GWEI.multiply(BigInteger.TWO), TicketMaker.ALWAYS_WINS);

        var tx = broker.batchRedeemWinningTickets(net.redeemer(), List.of(good1, loser, good2));

        assertThat(tx.success()).isTrue();
        assertThat(broker.transfers(tx)).extracting(WinningTicketTransfer::amount)
                .containsExactly(GWEI, GWEI.multiply(BigInteger.TWO));
        assertThat(broker.isUsed(good1.hash())).isTrue();
        assertThat(broker.isUsed(good2.hash())).isTrue();
        assertThat(broker.isUsed(loser.hash())).isFalse();
    }

    @Test
    void theTicketCarriesTheLastInitializedRoundAndItsBlockHash() {
        Ticket t = maker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS).ticket();
        BigInteger round = net.roundsManager().lastInitializedRound();
        assertThat(t.creationRound()).isEqualTo(round);
        assertThat(t.creationRoundBlockHash()).isEqualTo(net.roundsManager().blockHashForRound(round));
        assertThat(t.creationRoundBlockHash().bytes()).isNotEqualTo(new byte[32]);
    }

    private static void assertReverts(SignedTicket t, String reason) {
        assertRevertsOn(net, t, reason);
    }

    /** Both the dry run and the mined transaction (status 0) give the reason; the ticket stays unused. */
    private static void assertRevertsOn(DevNetwork network, SignedTicket t, String reason) {
        boolean usedBefore = network.ticketBroker().isUsed(t.hash());
        assertThat(network.ticketBroker().redeemRevertReason(network.redeemer().address(), t)).contains(reason);
        Redemption r = network.ticketBroker().redeemWinningTicket(network.redeemer(), t);
        assertThat(r.success()).isFalse();
        assertThat(r.revertReason()).contains(reason);
        assertThat(r.amount()).isZero();
        assertThat(network.ticketBroker().isUsed(t.hash())).isEqualTo(usedBefore);
    }
}
