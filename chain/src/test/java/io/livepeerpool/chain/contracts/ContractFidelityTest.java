package io.livepeerpool.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.chain.SharedChain;
import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.ChainCallException;
import io.livepeerpool.chain.tx.RevertReason;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.TicketSignature;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The dev contracts behave as Livepeer's deployed ones where the redeemer meets them (LIVEPEER.md): each case is
 * reached by a ticket or call built to hit it, on a real anvil node.
 */
class ContractFidelityTest {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final BigInteger ETH = DeployOptions.ETHER;
    private static final String INSUFFICIENT = "sender deposit and reserve insufficient to cover ticket face value";
    /** secp256k1's group order n. */
    private static final BigInteger CURVE_N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private static final Map<String, String> BROKER_EVENTS = Map.of(
            Abi.topic(TicketBrokerClient.DEPOSIT_FUNDED), "DepositFunded",
            Abi.topic(TicketBrokerClient.RESERVE_FUNDED), "ReserveFunded",
            Abi.topic(TicketBrokerClient.UNLOCK_CANCELLED), "UnlockCancelled",
            Abi.topic(TicketBrokerClient.UNLOCK_EVENT), "Unlock",
            Abi.topic(TicketBrokerClient.WITHDRAWAL), "Withdrawal");

    // ------------------------------------------------------------------ funding check (protocol PR #657)

    @Test
    void anUnderfundedTicketRevertsUnconsumedAndIsRedeemedAfterTheSenderTopsUp() {
        DevNetwork net = fresh();
        Address orchestrator = net.accounts().orchestrator().address();
        Transactor sender = net.chain().transactor(net.accounts().spare(6));
        TicketBrokerClient broker = net.ticketBroker();
        broker.fundDepositAndReserve(sender, GWEI, GWEI).requireSuccess("fund");
        SignedTicket t = makerFor(net, net.accounts().spare(6)).make(orchestrator, GWEI.multiply(BigInteger.valueOf(3)),
                TicketMaker.ALWAYS_WINS);

        assertThat(broker.redeemRevertReason(net.redeemer().address(), t)).contains(INSUFFICIENT);
        assertThatThrownBy(() -> broker.estimateRedeemGas(net.redeemer().address(), t))
                .isInstanceOf(ChainCallException.class)
                .satisfies(e -> assertThat(((ChainCallException) e).revertReason()).contains(INSUFFICIENT));
        Redemption mined = broker.redeemWinningTicket(net.redeemer(), t);
        assertThat(mined.success()).isFalse();
        assertThat(mined.revertReason()).contains(INSUFFICIENT);
        assertThat(broker.isUsed(t.hash())).isFalse();
        assertThat(broker.senderInfo(sender.address())).isEqualTo(new SenderInfo(GWEI, BigInteger.ZERO, GWEI, BigInteger.ZERO));

        broker.fundDeposit(sender, GWEI).requireSuccess("top-up"); // deposit 2 + reserve 1 now cover 3
        assertThat(broker.redeemRevertReason(net.redeemer().address(), t)).isEmpty();
        Redemption redeemed = broker.redeemWinningTicket(net.redeemer(), t);
        assertThat(redeemed.success()).isTrue();
        assertThat(redeemed.amount()).isEqualTo(GWEI.multiply(BigInteger.valueOf(3))); // 2 deposit + 1 reserve (pool of 1)
        assertThat(broker.isUsed(t.hash())).isTrue();
    }

    @Test
    void aBatchSkipsTheUnderfundedTicketWhichStaysRedeemable() {
        DevNetwork net = fresh();
        Address orchestrator = net.accounts().orchestrator().address();
        Transactor sender = net.chain().transactor(net.accounts().spare(7));
        net.ticketBroker().fundDeposit(sender, GWEI).requireSuccess("fund");
        TicketMaker maker = makerFor(net, net.accounts().spare(7));
        SignedTicket covered = maker.make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS);
        SignedTicket tooBig = maker.make(orchestrator, GWEI.multiply(BigInteger.TWO), TicketMaker.ALWAYS_WINS);

        assertThat(net.ticketBroker().batchRedeemRevertReason(net.redeemer().address(), List.of(tooBig, covered))).isEmpty();
        TxResult batch = net.ticketBroker().batchRedeemWinningTickets(net.redeemer(), List.of(tooBig, covered));

        assertThat(batch.success()).isTrue();
        assertThat(net.ticketBroker().transfers(batch)).containsExactly(new WinningTicketTransfer(sender.address(), orchestrator, GWEI));
        assertThat(net.ticketBroker().isUsed(covered.hash())).isTrue();
        assertThat(net.ticketBroker().isUsed(tooBig.hash())).isFalse();
        assertThat(net.ticketBroker().redeemRevertReason(net.redeemer().address(), tooBig)).contains(INSUFFICIENT);
    }

    // ------------------------------------------------------------------ signatures (OpenZeppelin ECDSA 4.4.1)

    @Test
    void malformedSignaturesRevertWithLivepeersAndOpenZeppelinsReasons() {
        DevNetwork net = fresh();
        SignedTicket t = net.ticketMaker().make(net.accounts().orchestrator().address(), GWEI, TicketMaker.ALWAYS_WINS);
        byte[] sig = t.sig();

        assertReason(net, withSig(t, Arrays.copyOf(sig, 64)), "INVALID_SIGNATURE_LENGTH");
        assertReason(net, withSig(t, Arrays.copyOf(sig, 66)), "INVALID_SIGNATURE_LENGTH");

        // the malleable twin (n - s, v flipped) recovers the same key, but s is high
        byte[] highS = sig.clone();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        System.arraycopy(word(CURVE_N.subtract(s)), 0, highS, 32, 32);
        highS[64] = (byte) (sig[64] == 27 ? 28 : 27);
        assertReason(net, withSig(t, highS), "ECDSA: invalid signature 's' value");

        byte[] badV = sig.clone();
        badV[64] = 1;
        assertReason(net, withSig(t, badV), "ECDSA: invalid signature 'v' value");

        byte[] zeroR = sig.clone();
        Arrays.fill(zeroR, 0, 32, (byte) 0); // ecrecover returns address(0)
        assertReason(net, withSig(t, zeroR), "ECDSA: invalid signature");

        byte[] otherSigner = TicketSignature.sign(t.hash(), net.accounts().spare(8).credentials().getEcKeyPair());
        assertReason(net, withSig(t, otherSigner), "invalid signature over ticket hash");

        assertThat(net.ticketBroker().redeemWinningTicket(net.redeemer(), t).success()).isTrue(); // the genuine one
    }

    // ------------------------------------------------------------------ reserve math: Panic(0x11)

    @Test
    void aClaimAboveTheAllocationAfterThePoolGrewMidRoundPanicsAndAfterTheRoundItPays() {
        DevNetwork net = fresh(DeployOptions.defaults().withBroadcasterFunds(BigInteger.ZERO, ETH.multiply(BigInteger.valueOf(4))));
        net.roundAdvancer().advance(); // past the genesis round: a new orchestrator joins the pool now, active next round
        TicketBrokerClient broker = net.ticketBroker();
        Address orchestrator = net.accounts().orchestrator().address();
        Address broadcaster = net.accounts().broadcaster().address();
        assertThat(broker.redeemWinningTicket(net.redeemer(),
                net.ticketMaker().make(orchestrator, ETH.multiply(BigInteger.valueOf(3)), TicketMaker.ALWAYS_WINS))
                .amount()).isEqualTo(ETH.multiply(BigInteger.valueOf(3))); // pool of 1: 3 of the 4 ETH

        net.bondingManager().registerTranscoder(net.chain().transactor(net.accounts().spare(9)), 0, 0).requireSuccess("join");
        // (1 left + 3 claimed) / 2 = 2 < 3 already claimed: Livepeer's SafeMath sub, and 0.8's checked sub, panic
        assertThatThrownBy(() -> broker.claimableReserve(broadcaster, orchestrator))
                .isInstanceOf(ChainCallException.class)
                .satisfies(e -> assertThat(((ChainCallException) e).revertReason()).contains(RevertReason.ARITHMETIC_PANIC));
        SignedTicket t = net.ticketMaker().make(orchestrator, ETH, TicketMaker.ALWAYS_WINS);
        assertReason(net, t, "Panic(0x11)");

        net.roundAdvancer().advance(); // claims reset: (1 + 0) / 2
        Redemption r = broker.redeemWinningTicket(net.redeemer(), t);
        assertThat(r.success()).isTrue();
        assertThat(r.amount()).isEqualTo(ETH.divide(BigInteger.TWO));
    }

    // ------------------------------------------------------------------ withdraw keeps withdrawRound

    @Test
    void afterAWithdrawalTheSenderStaysUnlockedUntilItFundsAgainWhichCancelsTheUnlock() {
        DevNetwork net = fresh();
        DevAccount account = net.accounts().spare(10);
        Transactor sender = net.chain().transactor(account);
        TicketBrokerClient broker = net.ticketBroker();
        broker.fundDeposit(sender, GWEI).requireSuccess("fund");
        broker.unlock(sender).requireSuccess("unlock");
        BigInteger withdrawRound = broker.senderInfo(account.address()).withdrawRound();
        net.roundAdvancer().advance(2);
        broker.withdraw(sender).requireSuccess("withdraw");

        assertThat(broker.senderInfo(account.address()))
                .isEqualTo(new SenderInfo(BigInteger.ZERO, withdrawRound, BigInteger.ZERO, BigInteger.ZERO));
        SignedTicket free = makerFor(net, account).make(net.accounts().orchestrator().address(), BigInteger.ZERO,
                TicketMaker.ALWAYS_WINS);
        assertReason(net, free, "sender is unlocked"); // before the funding check, even for a zero face value

        TxResult refund = broker.fundDeposit(sender, GWEI);
        assertThat(eventNames(refund, broker)).containsExactly("UnlockCancelled", "DepositFunded");
        assertThat(broker.senderInfo(account.address()).withdrawRound()).isZero();
        assertThat(broker.redeemWinningTicket(net.redeemer(), free).success()).isTrue();
    }

    // ------------------------------------------------------------------ log order

    @Test
    void fundingEmitsItsLogsInLivepeersOrder() {
        DevNetwork net = fresh();
        DevAccount account = net.accounts().spare(11);
        Transactor sender = net.chain().transactor(account);
        TicketBrokerClient broker = net.ticketBroker();

        assertThat(eventNames(broker.fundDepositAndReserve(sender, GWEI, GWEI), broker))
                .containsExactly("ReserveFunded", "DepositFunded");
        broker.unlock(sender).requireSuccess("unlock");
        assertThat(eventNames(broker.fundReserve(sender, GWEI), broker)).containsExactly("ReserveFunded", "UnlockCancelled");
        broker.unlock(sender).requireSuccess("unlock");
        assertThat(eventNames(broker.fundDeposit(sender, GWEI), broker)).containsExactly("UnlockCancelled", "DepositFunded");
        broker.unlock(sender).requireSuccess("unlock");
        assertThat(eventNames(broker.fundDepositAndReserve(sender, GWEI, GWEI), broker))
                .containsExactly("UnlockCancelled", "ReserveFunded", "DepositFunded");

        // fundDepositAndReserveFor: paid by one account, credited to another
        Transactor payer = net.chain().transactor(net.accounts().spare(12));
        TxResult forOther = broker.fundDepositAndReserveFor(payer, account.address(), GWEI, BigInteger.TWO.multiply(GWEI));
        assertThat(eventNames(forOther, broker)).containsExactly("ReserveFunded", "DepositFunded");
        assertThat(Words.topicAddress(forOther.logs().get(0).getTopics().get(1))).isEqualTo(account.address());
        assertThat(broker.senderInfo(account.address())).isEqualTo(new SenderInfo(
                GWEI.multiply(BigInteger.valueOf(4)), BigInteger.ZERO, GWEI.multiply(BigInteger.valueOf(5)), BigInteger.ZERO));
        assertThat(broker.reserveInfo(account.address()))
                .isEqualTo(new ReserveInfo(GWEI.multiply(BigInteger.valueOf(5)), BigInteger.ZERO));
    }

    // ------------------------------------------------------------------ pool size and activation at the next round

    @Test
    void anOrchestratorJoinsThePoolAtOnceAndIsActiveFromTheNextRoundAndLeavesTheSameWay() {
        DevNetwork net = fresh();
        BondingManagerClient bonding = net.bondingManager();
        Address genesis = net.accounts().orchestrator().address();
        assertThat(bonding.isActiveTranscoder(genesis)).isTrue(); // registered in the deployment's own round

        BigInteger round = net.roundAdvancer().advance();
        Transactor joiner = net.chain().transactor(net.accounts().spare(13));
        TxResult joined = bonding.registerTranscoder(joiner, 0, 0).requireSuccess("join");
        List<Log> activated = joined.logs(bonding.address(), Abi.topic(BondingManagerClient.TRANSCODER_ACTIVATED));
        assertThat(activated).hasSize(1);
        assertThat(Words.of(activated.get(0).getData()).uint(0)).isEqualTo(round.add(BigInteger.ONE));
        assertThat(bonding.transcoderPoolSize()).isEqualTo(BigInteger.TWO);
        assertThat(bonding.isActiveTranscoder(joiner.address())).isFalse();
        assertThat(net.ticketBroker().claimableReserve(net.accounts().broadcaster().address(), joiner.address())).isZero();

        round = net.roundAdvancer().advance();
        assertThat(bonding.isActiveTranscoder(joiner.address())).isTrue();
        assertThat(net.ticketBroker().claimableReserve(net.accounts().broadcaster().address(), joiner.address()))
                .isEqualTo(net.contracts().options().broadcasterReserve().divide(BigInteger.TWO));

        TxResult resigned = bonding.resignTranscoder(joiner).requireSuccess("resign");
        List<Log> deactivated = resigned.logs(bonding.address(), Abi.topic(BondingManagerClient.TRANSCODER_DEACTIVATED));
        assertThat(deactivated).hasSize(1);
        assertThat(Words.of(deactivated.get(0).getData()).uint(0)).isEqualTo(round.add(BigInteger.ONE));
        assertThat(bonding.transcoderPoolSize()).isEqualTo(BigInteger.ONE);
        assertThat(bonding.isActiveTranscoder(joiner.address())).isTrue(); // until the end of this round
        net.roundAdvancer().advance();
        assertThat(bonding.isActiveTranscoder(joiner.address())).isFalse();
        assertThat(bonding.resignTranscoder(joiner).revertReason()).contains("caller must be a registered transcoder");
    }

    // ------------------------------------------------------------------ what a redeemer needs from the client

    @Test
    void aRedemptionSignedElsewhereWithAFixedNonceUsesTheClientsCalldataAndIsReadBackFromItsReceipt() throws Exception {
        DevNetwork net = fresh();
        TicketBrokerClient broker = net.ticketBroker();
        SignedTicket t = net.ticketMaker().make(net.accounts().orchestrator().address(), GWEI, TicketMaker.ALWAYS_WINS);
        Address redeemer = net.redeemer().address();

        BigInteger gas = broker.estimateRedeemGas(redeemer, t);
        assertThat(gas).isPositive().isLessThan(TicketBrokerClient.REDEEM_GAS);
        String calldata = TicketBrokerClient.redeemCalldata(t);
        assertThat(calldata).startsWith("0xec8b3cb6");
        assertThat(broker.isUsed(t.hash())).isFalse();

        var web3j = net.chain().web3j();
        BigInteger nonce = web3j.ethGetTransactionCount(redeemer.hex(),
                org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount();
        var raw = org.web3j.crypto.RawTransaction.createTransaction(nonce, web3j.ethGasPrice().send().getGasPrice(),
                gas.multiply(BigInteger.TWO), broker.address().hex(), BigInteger.ZERO, calldata);
        byte[] signed = org.web3j.crypto.TransactionEncoder.signMessage(raw, net.chain().chainId(),
                net.accounts().redeemer().credentials());
        String txHash = web3j.ethSendRawTransaction(org.web3j.utils.Numeric.toHexString(signed)).send().getTransactionHash();
        TxResult tx = TxResult.fromReceipt(receipt(web3j, txHash));
        assertThat(tx.success()).isTrue();
        assertThat(broker.amountTransferred(tx, t.ticket())).isEqualTo(GWEI);
        assertThat(broker.isUsed(t.hash())).isTrue();

        // the same signed bytes again: the node refuses the reused nonce, nothing is redeemed twice
        var again = web3j.ethSendRawTransaction(org.web3j.utils.Numeric.toHexString(signed)).send();
        assertThat(again.hasError()).isTrue();

        // a second redemption of the ticket, mined with status 0: its reason is found by replaying it
        var raw2 = org.web3j.crypto.RawTransaction.createTransaction(nonce.add(BigInteger.ONE),
                web3j.ethGasPrice().send().getGasPrice(), TicketBrokerClient.REDEEM_GAS, broker.address().hex(),
                BigInteger.ZERO, calldata);
        String failedHash = web3j.ethSendRawTransaction(org.web3j.utils.Numeric.toHexString(
                org.web3j.crypto.TransactionEncoder.signMessage(raw2, net.chain().chainId(),
                        net.accounts().redeemer().credentials()))).send().getTransactionHash();
        TxResult failed = TxResult.fromReceipt(receipt(web3j, failedHash));
        assertThat(failed.success()).isFalse();
        TxResult explained = failed.withRevertReason(net.reader().revertReasonOfMined(redeemer, broker.address(), calldata,
                BigInteger.ZERO, failed.blockNumber()));
        assertThat(explained.revertReason()).contains("ticket is used");
    }

    @Test
    void batchCalldataGasAndPreflightAndTheValidityRuleMatchTheChain() {
        DevNetwork net = fresh();
        TicketBrokerClient broker = net.ticketBroker();
        Address redeemer = net.redeemer().address();
        Address orchestrator = net.accounts().orchestrator().address();
        List<SignedTicket> tickets = List.of(
                net.ticketMaker().make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS),
                net.ticketMaker().make(orchestrator, GWEI, TicketMaker.ALWAYS_WINS));

        assertThat(TicketBrokerClient.batchRedeemCalldata(tickets)).startsWith(Abi.selector(TicketBrokerClient.BATCH_REDEEM_WINNING_TICKETS));
        assertThat(broker.batchRedeemRevertReason(redeemer, tickets)).isEmpty();
        BigInteger batchGas = broker.estimateBatchRedeemGas(redeemer, tickets);
        assertThat(batchGas).isGreaterThan(broker.estimateRedeemGas(redeemer, tickets.get(0)))
                .isLessThan(TicketBrokerClient.batchRedeemGasLimit(tickets.size()));

        TicketValidity validity = broker.ticketValidity();
        assertThat(validity.period()).isEqualTo(BigInteger.valueOf(net.contracts().options().ticketValidityPeriod()));
        assertThat(broker.unlockPeriod()).isEqualTo(BigInteger.valueOf(net.contracts().options().unlockPeriod()));
        BigInteger created = tickets.get(0).ticket().creationRound();
        assertThat(validity.isValid(created, net.roundsManager().currentRound())).isTrue();
        net.roundAdvancer().advance(validity.period().intValueExact());
        BigInteger now = net.roundsManager().currentRound();
        assertThat(validity.isValid(created, now)).isFalse();
        assertThat(validity.lastValidRound(created)).isEqualTo(now.subtract(BigInteger.ONE));
        assertThat(broker.redeemRevertReason(redeemer, tickets.get(0))).contains("ticket is expired");

        net.roundAdvancer().mineToNextRound(); // the batch as a whole reverts only for what every ticket shares
        assertThat(broker.batchRedeemRevertReason(redeemer, tickets)).contains("current round is not initialized");
        net.roundAdvancer().ensureCurrentRoundInitialized();
    }

    // ------------------------------------------------------------------ helpers

    private static DevNetwork fresh() {
        return fresh(DeployOptions.defaults());
    }

    /** Its own deployment, current round initialized (other classes' deployments share the chain's rounds). */
    private static DevNetwork fresh(DeployOptions options) {
        DevNetwork net = SharedChain.deploy(options);
        net.roundAdvancer().ensureCurrentRoundInitialized();
        return net;
    }

    private static TicketMaker makerFor(DevNetwork net, DevAccount sender) {
        return new TicketMaker(net.roundsManager(), sender.credentials());
    }

    private static SignedTicket withSig(SignedTicket t, byte[] sig) {
        return new SignedTicket(t.ticket(), sig, t.recipientRand());
    }

    /** The dry run and the mined transaction both give {@code reason}; the ticket stays unused. */
    private static void assertReason(DevNetwork net, SignedTicket t, String reason) {
        assertThat(net.ticketBroker().redeemRevertReason(net.redeemer().address(), t)).contains(reason);
        Redemption r = net.ticketBroker().redeemWinningTicket(net.redeemer(), t);
        assertThat(r.success()).isFalse();
        assertThat(r.revertReason()).contains(reason);
        assertThat(net.ticketBroker().isUsed(t.hash())).isFalse();
    }

    private static List<String> eventNames(TxResult tx, TicketBrokerClient broker) {
        assertThat(tx.success()).as("tx %s", tx.txHash()).isTrue();
        return tx.logs().stream()
                .filter(l -> l.getAddress().equalsIgnoreCase(broker.address().hex()))
                .map(l -> BROKER_EVENTS.getOrDefault(l.getTopics().get(0), l.getTopics().get(0)))
                .toList();
    }

    private static org.web3j.protocol.core.methods.response.TransactionReceipt receipt(org.web3j.protocol.Web3j web3j,
                                                                                       String txHash) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            var receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no receipt for " + txHash);
    }

    private static byte[] word(BigInteger value) {
        byte[] out = new byte[32];
        byte[] raw = value.toByteArray();
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }
}
