package io.livepeerpool.chain.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.SharedChain;
import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.TxResult;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

class RoundAdvancerTest {

    @Test
    void advancingMinesToTheNextRoundAndInitializesIt() {
        DevNetwork net = SharedChain.deploy(DeployOptions.defaults().withRoundLength(50));
        RoundsManagerClient rounds = net.roundsManager();
        BigInteger before = rounds.currentRound();
        assertThat(rounds.currentRoundInitialized()).isTrue(); // the constructor initialized the deployment round
        assertThat(rounds.roundLength()).isEqualTo(BigInteger.valueOf(50));

        BigInteger next = net.roundAdvancer().advance();

        assertThat(next).isEqualTo(before.add(BigInteger.ONE));
        assertThat(rounds.currentRound()).isEqualTo(next);
        assertThat(rounds.lastInitializedRound()).isEqualTo(next);
        assertThat(rounds.currentRoundInitialized()).isTrue();
        assertThat(rounds.blockHashForRound(next).bytes()).isNotEqualTo(new byte[32]);
        assertThat(net.reader().blockNumber().divide(BigInteger.valueOf(50))).isEqualTo(next);
    }

    @Test
    void initializeRoundEmitsNewRoundWithTheRecordedBlockHash() {
        DevNetwork net = SharedChain.deploy();
        RoundAdvancer advancer = net.roundAdvancer();
        BigInteger round = advancer.mineToNextRound();
        assertThat(net.roundsManager().currentRoundInitialized()).isFalse();

        TxResult init = net.roundsManager().initializeRound(net.deployer());

        List<Log> logs = init.logs(net.roundsManager().address(), Abi.topic(RoundsManagerClient.NEW_ROUND));
        assertThat(logs).hasSize(1);
        assertThat(Words.of(logs.get(0).getTopics().get(1)).uint(0)).isEqualTo(round);
        assertThat(Words.of(logs.get(0).getData()).bytes32(0)).isEqualTo(net.roundsManager().blockHashForRound(round));
        assertThat(net.roundsManager().initializeRound(net.deployer()).revertReason()).contains("round already initialized");
    }

    @Test
    void redemptionWaitsForTheRoundToBeInitialized() {
        DevNetwork net = SharedChain.deploy();
        SignedTicket t = net.ticketMaker().make(net.accounts().orchestrator().address(), BigInteger.TEN, TicketMaker.ALWAYS_WINS);
        net.roundAdvancer().mineToNextRound();

        assertThat(net.ticketBroker().redeemRevertReason(net.redeemer().address(), t)).contains("current round is not initialized");
        assertThat(net.bondingManager().withdrawFees(net.orchestrator(), net.accounts().payout().address(), BigInteger.ZERO)
                .revertReason()).contains("current round is not initialized");

        assertThat(net.roundAdvancer().ensureCurrentRoundInitialized()).isTrue();
        assertThat(net.roundAdvancer().ensureCurrentRoundInitialized()).isFalse();
        assertThat(net.ticketBroker().redeemWinningTicket(net.redeemer(), t).amount()).isEqualTo(BigInteger.TEN);
    }
}
