package io.livepeerpool.redeemer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.TicketSignature;
import io.livepeerpool.redeemer.RedeemerService;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Every outcome class, each reached by a real ticket built for it, redeemed by the worker against the dev chain
 * through the real broker: Redeemed; Failed for each final revert; Expired; the funding check retried until the
 * sender tops up; a face value below its gas retried until it expires; a ticket posted twice recorded once.
 */
class RedemptionClassesTest {
    private static final BigInteger ETH = DeployOptions.ETHER;
    private static final BigInteger FACE = BigInteger.TEN.pow(15);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void eachTicketGetsTheOutcomeOfItsClass() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (RedeemerFixture f = new RedeemerFixture(net, "classes")) {
            Address orch = net.accounts().orchestrator().address();
            TicketMaker a = net.ticketMaker();

            // sender C unlocks now and is unlocked two rounds later; this ticket of A expires by then
            Transactor c = net.chain().transactor(net.accounts().spare(2));
            net.ticketBroker().fundDeposit(c, ETH).requireSuccess("fund C");
            net.ticketBroker().unlock(c).requireSuccess("unlock C");
            SignedTicket expired = a.make(orch, FACE, TicketMaker.ALWAYS_WINS);
            net.roundAdvancer().advance(2);

            SignedTicket good = a.make(orch, FACE, TicketMaker.ALWAYS_WINS);
            SignedTicket lost = a.make(orch, FACE, TicketMaker.NEVER_WINS);
            SignedTicket t = a.make(orch, FACE, TicketMaker.ALWAYS_WINS);
            SignedTicket badRand = new SignedTicket(t.ticket(), t.sig(), t.recipientRand().add(BigInteger.ONE));
            SignedTicket t2 = a.make(orch, FACE, TicketMaker.ALWAYS_WINS);
            SignedTicket otherSigner = new SignedTicket(t2.ticket(),
                    TicketSignature.sign(t2.hash(), Keys.createEcKeyPair()), t2.recipientRand());
            SignedTicket highS = withHighS(a.make(orch, FACE, TicketMaker.ALWAYS_WINS));
            SignedTicket badV = withV(a.make(orch, FACE, TicketMaker.ALWAYS_WINS), (byte) 29);
            BigInteger round = net.roundsManager().lastInitializedRound();
            SignedTicket noBlockHash = a.draft(orch).faceValue(FACE)
                    .creationRound(round.add(BigInteger.valueOf(5)), Bytes32.parse("0x" + "ab".repeat(32))).sign();
            SignedTicket wrongBlockHash = a.draft(orch).faceValue(FACE)
                    .creationRound(round, Bytes32.parse("0x" + "cd".repeat(32))).sign();
            SignedTicket usedElsewhere = a.make(orch, FACE, TicketMaker.ALWAYS_WINS);
            // the orchestrator redeemed this one itself (a contract call by hand, standing for another redeemer)
            net.ticketBroker().redeemWinningTicket(net.orchestrator(), usedElsewhere).tx().requireSuccess("redeem by hand");
            SignedTicket unlocked = new TicketMaker(net.roundsManager(), net.accounts().spare(2).credentials())
                    .make(orch, FACE, TicketMaker.ALWAYS_WINS);
            Credentials bKey = net.accounts().spare(1).credentials();
            SignedTicket unfunded = new TicketMaker(net.roundsManager(), bKey).make(orch, FACE, TicketMaker.ALWAYS_WINS);
            Credentials dKey = net.accounts().spare(3).credentials();
            net.ticketBroker().fundDeposit(net.chain().transactor(net.accounts().spare(3)), ETH).requireSuccess("fund D");
            SignedTicket belowGas = new TicketMaker(net.roundsManager(), dKey).make(orch, BigInteger.ONE, TicketMaker.ALWAYS_WINS);

            for (SignedTicket ticket : List.of(expired, good, good, lost, badRand, otherSigner, highS, badV, noBlockHash,
                    wrongBlockHash, usedElsewhere, unlocked, unfunded, belowGas)) {
                f.post(ticket);
            }
            RedeemerService redeemer = f.start(Map.of("redeemer.minFaceValueOverGasPct", "100"));

            Map<String, String> expectFailed = Map.of(
                    lost.hash().hex(), "ticket did not win",
                    badRand.hash().hex(), "recipientRand does not match recipientRandHash",
                    otherSigner.hash().hex(), "invalid signature over ticket hash",
                    highS.hash().hex(), "ECDSA: invalid signature 's' value",
                    badV.hash().hex(), "ECDSA: invalid signature 'v' value",
                    noBlockHash.hash().hex(), "ticket creationRound does not have a block hash",
                    wrongBlockHash.hash().hex(), "ticket creationRoundBlockHash invalid for creationRound",
                    usedElsewhere.hash().hex(), "ticket is used",
                    unlocked.hash().hex(), "sender is unlocked");
            RedeemerFixture.await("outcomes of the final classes", WAIT, () -> f.outcomes().size() >= expectFailed.size() + 2);
            Map<String, Redemption> byHash = byHash(f.outcomes());
            expectFailed.forEach((hash, reason) -> {
                assertThat(byHash.get(hash)).as(reason).isNotNull();
                assertThat(byHash.get(hash).getStatus()).as(reason).isEqualTo(RedemptionStatus.Failed);
                assertThat(byHash.get(hash).getReason()).isEqualTo(reason);
                assertThat(byHash.get(hash).getTxHash()).as("never sent").isNull();
            });
            assertThat(byHash.get(expired.hash().hex()).getStatus()).isEqualTo(RedemptionStatus.Expired);

            Redemption redeemed = byHash.get(good.hash().hex());
            assertThat(redeemed.getStatus()).isEqualTo(RedemptionStatus.Redeemed);
            assertThat(redeemed.getAmountTransferred().toBigIntegerExact()).isEqualTo(FACE);
            assertThat(redeemed.getTxGasCost().toBigIntegerExact()).isPositive();
            assertThat(redeemed.getGasShare()).isEqualTo(redeemed.getTxGasCost());
            assertThat(redeemed.getBlockNumber()).isNotNull();
            assertThat(net.ticketBroker().isUsed(good.hash())).isTrue();
            assertThat(net.ticketBroker().isUsed(lost.hash())).isFalse();

            // the unfunded and the below-gas tickets are retried, not dropped
            RedeemerFixture.await("retries", WAIT, () -> redeemer.metrics().queuedTickets() == 2);
            assertThat(byHash).doesNotContainKeys(unfunded.hash().hex(), belowGas.hash().hex());

            // B tops up: its ticket goes through
            net.ticketBroker().fundDeposit(net.chain().transactor(net.accounts().spare(1)), ETH).requireSuccess("fund B");
            RedeemerFixture.await("B's ticket redeemed", WAIT, () -> byHash(f.outcomes()).containsKey(unfunded.hash().hex()));
            assertThat(byHash(f.outcomes()).get(unfunded.hash().hex()).getStatus()).isEqualTo(RedemptionStatus.Redeemed);

            // D's ticket never covers its gas: it is held until the chain would refuse it, then Expired
            net.roundAdvancer().advance(2);
            RedeemerFixture.await("D's ticket expired", WAIT, () -> byHash(f.outcomes()).containsKey(belowGas.hash().hex()));
            Redemption d = byHash(f.outcomes()).get(belowGas.hash().hex());
            assertThat(d.getStatus()).isEqualTo(RedemptionStatus.Expired);
            assertThat(d.getReason()).contains("does not cover redemption gas");

            List<Redemption> all = f.outcomes();
            assertThat(all).as("one outcome per ticket, the duplicate post included").hasSize(14 - 1);
            assertThat(all.stream().map(Redemption::getTicketHash).distinct().count()).isEqualTo(all.size());
            assertThat(redeemer.healthy()).isTrue();
        }
    }

    @Test
    void aWalletShortOfGasRetriesUntilItIsFunded() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (RedeemerFixture f = new RedeemerFixture(net, "gasless")) {
            Credentials empty = Credentials.create(Keys.createEcKeyPair());
            SignedTicket ticket = net.ticketMaker().make(net.accounts().orchestrator().address(), FACE, TicketMaker.ALWAYS_WINS);
            f.post(ticket);
            RedeemerService redeemer = f.start(empty, Map.of(), io.livepeerpool.redeemer.worker.CrashPoint.NONE);
            RedeemerFixture.await("retries for gas", WAIT, () -> redeemer.healthy() && redeemer.metrics().queuedTickets() == 1);
            Thread.sleep(1_500);
            assertThat(f.outcomes()).isEmpty();
            assertThat(f.intents()).as("nothing signed without gas money").isEmpty();

            net.chain().transactor(net.accounts().spare(4)).transfer(Address.parse(empty.getAddress()), ETH)
                    .requireSuccess("fund the wallet");
            RedeemerFixture.await("the ticket redeemed", WAIT, () -> f.outcomes().size() == 1);
            assertThat(f.outcomes().getFirst().getStatus()).isEqualTo(RedemptionStatus.Redeemed);
        }
    }

    static Map<String, Redemption> byHash(List<Redemption> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(Redemption::getTicketHash, Function.identity(), (x, y) -> x));
    }

    /** The same signature with s replaced by n - s and v flipped: still valid math, refused by ECDSA 4.4.1. */
    static SignedTicket withHighS(SignedTicket t) {
        byte[] sig = t.sig();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        BigInteger high = Sign.CURVE_PARAMS.getN().subtract(s);
        byte[] hs = org.web3j.utils.Numeric.toBytesPadded(high, 32);
        System.arraycopy(hs, 0, sig, 32, 32);
        sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
        return new SignedTicket(t.ticket(), sig, t.recipientRand());
    }

    static SignedTicket withV(SignedTicket t, byte v) {
        byte[] sig = t.sig();
        sig[64] = v;
        return new SignedTicket(t.ticket(), sig, t.recipientRand());
    }

}
