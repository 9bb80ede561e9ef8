package io.livepeerpool.chainwatcher.decode;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chainwatcher.chain.ContractRole;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every log the watcher turns into a {@code ChainEvent}: the contract that emits it, its canonical signature (from
 * the chain module's clients) and its topic0 as written in LIVEPEER.md. The two are checked against each other when
 * the class loads, so a typo in either stops the watcher before it reads a block.
 */
public enum KnownEvent {
    NEW_ROUND(ContractRole.ROUNDS_MANAGER, RoundsManagerClient.NEW_ROUND,
            "0x22f2fc17c5daf07db2379b3a03a8ef20a183f761097a58fce219c8a14619e786"),
    DEPOSIT_FUNDED(ContractRole.TICKET_BROKER, TicketBrokerClient.DEPOSIT_FUNDED,
            "0x5159e237d952190e68d5215430f305831be7c9c8776d1377c76679ae4773413f"),
    RESERVE_FUNDED(ContractRole.TICKET_BROKER, TicketBrokerClient.RESERVE_FUNDED,
            "0xb52b99b9e83551fcbd069b559cc3e823e2a1a3bad8ece46561ea77524394c850"),
    RESERVE_CLAIMED(ContractRole.TICKET_BROKER, TicketBrokerClient.RESERVE_CLAIMED,
            "0x5c2b394723f408a40a60335e24b71829642e35f350cebe2036a96a66e895ea98"),
    WINNING_TICKET_REDEEMED(ContractRole.TICKET_BROKER, TicketBrokerClient.WINNING_TICKET_REDEEMED,
            "0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7"),
    WINNING_TICKET_TRANSFER(ContractRole.TICKET_BROKER, TicketBrokerClient.WINNING_TICKET_TRANSFER,
            "0x8b87351a208c06e3ceee59d80725fd77a23b4129e1b51ca231fc89b40712649c"),
    UNLOCK(ContractRole.TICKET_BROKER, TicketBrokerClient.UNLOCK_EVENT,
            "0xf7870c5b224cbc19873599e46ccfc7103934650509b1af0c3ce90138377c2004"),
    UNLOCK_CANCELLED(ContractRole.TICKET_BROKER, TicketBrokerClient.UNLOCK_CANCELLED,
            "0xfa044b7b93a40365dc68049797c2eb06918523d694e5d56e406cac3eb35578e5"),
    WITHDRAWAL(ContractRole.TICKET_BROKER, TicketBrokerClient.WITHDRAWAL,
            "0xdf273cb619d95419a9cd0ec88123a0538c85064229baa6363788f743fff90deb"),
    TRANSCODER_UPDATE(ContractRole.BONDING_MANAGER, BondingManagerClient.TRANSCODER_UPDATE,
            "0x7346854431dbb3eb8e373c604abf89e90f4865b8447e1e2834d7b3e4677bf544"),
    WITHDRAW_FEES(ContractRole.BONDING_MANAGER, BondingManagerClient.WITHDRAW_FEES_EVENT,
            "0x4f1b51dd7a2fcb861aa2670f668be66835c4ee12b4bbbf037e4d0018f39819e4");

    private final ContractRole contract;
    private final String signature;
    private final String topic0;

    KnownEvent(ContractRole contract, String signature, String topic0) {
        if (!Abi.topic(signature).equals(topic0)) {
            throw new IllegalStateException(signature + ": topic0 " + Abi.topic(signature) + " differs from " + topic0);
        }
        this.contract = contract;
        this.signature = signature;
        this.topic0 = topic0;
    }

    public ContractRole contract() {
        return contract;
    }

    public String signature() {
        return signature;
    }

    /** {@code 0x} + 64 lowercase hex digits. */
    public String topic0() {
        return topic0;
    }

    /** e.g. {@code WinningTicketTransfer}: the metric tag. */
    public String eventName() {
        return signature.substring(0, signature.indexOf('('));
    }

    /** Every topic0, for the eth_getLogs filter. */
    public static List<String> allTopics() {
        return Arrays.stream(values()).map(KnownEvent::topic0).toList();
    }

    /** The event with this topic0 emitted by a contract in this role; empty for anything else. */
    public static Optional<KnownEvent> of(ContractRole contract, String topic0) {
        return Arrays.stream(values())
                .filter(e -> e.contract == contract && e.topic0.equalsIgnoreCase(topic0))
                .findFirst();
    }
}
