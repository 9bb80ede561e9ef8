package io.livepeerpool.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.abi.Abi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compiled ABI against the protocol facts (LIVEPEER.md): selectors, event topics and the clients' signatures. */
class ContractAbiConformanceTest {
    private final ContractArtifact broker = ContractArtifact.load(ContractArtifact.TICKET_BROKER);
    private final ContractArtifact rounds = ContractArtifact.load(ContractArtifact.ROUNDS_MANAGER);
    private final ContractArtifact bonding = ContractArtifact.load(ContractArtifact.BONDING_MANAGER);

    @Test
    void functionSelectorsFromTheAbiEqualLivepeers() {
        assertThat(broker.signature("function", "redeemWinningTicket"))
                .isEqualTo("redeemWinningTicket((address,address,uint256,uint256,uint256,bytes32,bytes),bytes,uint256)");
        assertThat(broker.selector("redeemWinningTicket")).isEqualTo("0xec8b3cb6");
        assertThat(bonding.selector("withdrawFees")).isEqualTo("0xad3b1b47");
        assertThat(Abi.selector(TicketBrokerClient.REDEEM_WINNING_TICKET)).isEqualTo("0xec8b3cb6");
        assertThat(Abi.selector(BondingManagerClient.WITHDRAW_FEES)).isEqualTo("0xad3b1b47");
    }

    @Test
    void everyEventTopicOfLivepeerMdEqualsKeccakOfTheAbiSignature() {
        Map<String, String> brokerTopics = Map.of(
                "DepositFunded", "0x5159e237d952190e68d5215430f305831be7c9c8776d1377c76679ae4773413f",
                "ReserveFunded", "0xb52b99b9e83551fcbd069b559cc3e823e2a1a3bad8ece46561ea77524394c850",
                "ReserveClaimed", "0x5c2b394723f408a40a60335e24b71829642e35f350cebe2036a96a66e895ea98",
                "WinningTicketRedeemed", "0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7",
                "WinningTicketTransfer", "0x8b87351a208c06e3ceee59d80725fd77a23b4129e1b51ca231fc89b40712649c",
                "Unlock", "0xf7870c5b224cbc19873599e46ccfc7103934650509b1af0c3ce90138377c2004",
                "UnlockCancelled", "0xfa044b7b93a40365dc68049797c2eb06918523d694e5d56e406cac3eb35578e5",
                "Withdrawal", "0xdf273cb619d95419a9cd0ec88123a0538c85064229baa6363788f743fff90deb");
        brokerTopics.forEach((event, topic) -> assertThat(broker.topic(event)).as(event).isEqualTo(topic));
        assertThat(rounds.topic("NewRound"))
                .isEqualTo("0x22f2fc17c5daf07db2379b3a03a8ef20a183f761097a58fce219c8a14619e786");
        assertThat(broker.eventSignatures()).hasSize(brokerTopics.size());
    }

    @Test
    void bondingManagerEventsHaveLivepeersSignatures() {
        assertThat(bonding.eventSignatures()).contains(
                "Reward(address,uint256)",
                "TranscoderUpdate(address,uint256,uint256)",
                "WithdrawFees(address,address,uint256)",
                "TranscoderActivated(address,uint256)",
                "TranscoderDeactivated(address,uint256)");
    }

    @Test
    void everySignatureTheClientsUseExistsInTheAbi() {
        assertThat(broker.functionSignatures()).contains(
                TicketBrokerClient.FUND_DEPOSIT, TicketBrokerClient.FUND_RESERVE,
                TicketBrokerClient.FUND_DEPOSIT_AND_RESERVE, TicketBrokerClient.UNLOCK, TicketBrokerClient.CANCEL_UNLOCK,
                TicketBrokerClient.WITHDRAW, TicketBrokerClient.REDEEM_WINNING_TICKET,
                TicketBrokerClient.BATCH_REDEEM_WINNING_TICKETS, TicketBrokerClient.GET_TICKET_HASH,
                TicketBrokerClient.GET_SENDER_INFO, TicketBrokerClient.USED_TICKETS, TicketBrokerClient.CLAIMABLE_RESERVE,
                TicketBrokerClient.CLAIMED_RESERVE, TicketBrokerClient.FUND_DEPOSIT_AND_RESERVE_FOR,
                TicketBrokerClient.GET_RESERVE_INFO, TicketBrokerClient.TICKET_VALIDITY_PERIOD,
                TicketBrokerClient.UNLOCK_PERIOD, TicketBrokerClient.IS_UNLOCK_IN_PROGRESS);
        assertThat(broker.eventSignatures()).contains(
                TicketBrokerClient.DEPOSIT_FUNDED, TicketBrokerClient.RESERVE_FUNDED, TicketBrokerClient.RESERVE_CLAIMED,
                TicketBrokerClient.WINNING_TICKET_REDEEMED, TicketBrokerClient.WINNING_TICKET_TRANSFER,
                TicketBrokerClient.UNLOCK_EVENT, TicketBrokerClient.UNLOCK_CANCELLED, TicketBrokerClient.WITHDRAWAL);
        assertThat(rounds.functionSignatures()).contains(
                RoundsManagerClient.CURRENT_ROUND, RoundsManagerClient.ROUND_LENGTH,
                RoundsManagerClient.LAST_INITIALIZED_ROUND, RoundsManagerClient.CURRENT_ROUND_INITIALIZED,
                RoundsManagerClient.BLOCK_HASH_FOR_ROUND, RoundsManagerClient.INITIALIZE_ROUND);
        assertThat(rounds.eventSignatures()).contains(RoundsManagerClient.NEW_ROUND);
        assertThat(bonding.functionSignatures()).contains(
                BondingManagerClient.TRANSCODER, BondingManagerClient.IS_ACTIVE_TRANSCODER,
                BondingManagerClient.GET_TRANSCODER_POOL_SIZE, BondingManagerClient.PENDING_FEES,
                BondingManagerClient.WITHDRAW_FEES, BondingManagerClient.REWARD, BondingManagerClient.SET_TICKET_BROKER,
                BondingManagerClient.DELEGATORS_FEES, BondingManagerClient.RESIGN_TRANSCODER);
        assertThat(bonding.eventSignatures()).contains(
                BondingManagerClient.TRANSCODER_UPDATE, BondingManagerClient.TRANSCODER_ACTIVATED,
                BondingManagerClient.WITHDRAW_FEES_EVENT, BondingManagerClient.REWARD_EVENT,
                BondingManagerClient.TRANSCODER_DEACTIVATED);
    }

    @Test
    void artifactsCarryCreationBytecode() {
        for (ContractArtifact a : new ContractArtifact[] {broker, rounds, bonding}) {
            assertThat(a.bytecode()).as(a.name()).matches("0x6[0-9a-f]{1000,}");
        }
    }
}
