package io.livepeerpool.chainwatcher.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.chainwatcher.chain.ContractAddresses;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.ReserveClaimedEvent;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.WinningTicketRedeemedEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

/** Pure decoding of hand-built logs: shapes, keys, the orchestrator filter, and refusal of malformed data. */
class LogDecoderTest {
    private static final Address BROKER = Address.parse("0x00000000000000000000000000000000000000b1");
    private static final Address ROUNDS = Address.parse("0x00000000000000000000000000000000000000b2");
    private static final Address BONDING = Address.parse("0x00000000000000000000000000000000000000b3");
    private static final ContractAddresses CONTRACTS = new ContractAddresses(BROKER, ROUNDS, BONDING);
    private static final String SENDER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final String ORCH = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String OTHER = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    /** Fixed facts: records which were asked for. */
    private static final class Facts implements ChainFacts {
        final List<String> asked = new ArrayList<>();

        @Override
        public BigInteger gasCost(String txHash) {
            asked.add("gas " + txHash);
            return BigInteger.valueOf(21_000L * 7);
        }

        @Override
        public long transcoderPoolSize(long blockNumber) {
            asked.add("pool " + blockNumber);
            return 3;
        }
    }

    private final LogDecoder all = new LogDecoder(CONTRACTS, OrchestratorFilter.ALL);

    @Test
    void transferIsKeyedByRecipientWithAmountAndGasCostAsScaleZeroWei() {
        Facts facts = new Facts();
        Decoded.Emit emit = (Decoded.Emit) all.decode(log(BROKER, KnownEvent.WINNING_TICKET_TRANSFER,
                List.of(addr(SENDER), addr(ORCH)), word(MAX)), facts);
        assertThat(emit.key()).isEqualTo(ORCH);
        WinningTicketTransferEvent t = (WinningTicketTransferEvent) emit.event().getEvent();
        assertThat(t.getSender()).isEqualTo(SENDER);
        assertThat(t.getAmount()).isEqualTo(new BigDecimal(MAX, 0)); // 2^256-1 survives
        assertThat(t.getGasCost()).isEqualTo(new BigDecimal(BigInteger.valueOf(147_000), 0));
        assertThat(facts.asked).containsExactly("gas 0x" + "ab".repeat(32));
        ChainEvent e = emit.event();
        assertThat(e.getBlockNumber()).isEqualTo(100);
        assertThat(e.getLogIndex()).isEqualTo(5);
        assertThat(e.getContract()).isEqualTo(BROKER.hex());
        assertThat(e.getBlockHash()).isEqualTo("0x" + "cd".repeat(32));
    }

    @Test
    void eachTransferOfABatchCarriesItsPositionAmongTheTransactionsTransfers() {
        Log first = log(BROKER, KnownEvent.WINNING_TICKET_TRANSFER, List.of(addr(SENDER), addr(ORCH)), word(MAX));
        Log foreign = log(BROKER, KnownEvent.WINNING_TICKET_TRANSFER, List.of(addr(SENDER), addr(OTHER)), word(MAX));
        Log last = log(BROKER, KnownEvent.WINNING_TICKET_TRANSFER, List.of(addr(SENDER), addr(ORCH)), word(MAX));
        Log otherTx = log(BROKER, KnownEvent.WINNING_TICKET_TRANSFER, List.of(addr(SENDER), addr(ORCH)), word(MAX));
        Log notATransfer = log(BONDING, KnownEvent.TRANSCODER_UPDATE, List.of(addr(ORCH)),
                word(BigInteger.ONE) + word(BigInteger.TWO).substring(2));
        last.setLogIndex("0x9");
        foreign.setLogIndex("0x7");
        notATransfer.setLogIndex("0x8");
        otherTx.setTransactionHash("0x" + "ef".repeat(32));
        List<Log> block = List.of(first, foreign, notATransfer, last, otherTx);
        TicketPositions positions = TicketPositions.of(block, BROKER);
        LogDecoder pool = new LogDecoder(CONTRACTS, OrchestratorFilter.parse(ORCH));

        assertThat(position(pool.decode(first, new Facts(), positions))).containsExactly(3, 0);
        assertThat(pool.decode(foreign, new Facts(), positions)).as("filtered, but still counted")
                .isInstanceOf(Decoded.Filtered.class);
        assertThat(position(pool.decode(last, new Facts(), positions))).containsExactly(3, 2);
        assertThat(position(pool.decode(otherTx, new Facts(), positions))).containsExactly(1, 0);
        assertThat(position(pool.decode(first, new Facts()))).as("a log decoded alone").containsExactly(1, 0);
    }

    private static List<Integer> position(Decoded decoded) {
        WinningTicketTransferEvent t = (WinningTicketTransferEvent) ((Decoded.Emit) decoded).event().getEvent();
        return List.of(t.getTxTickets(), t.getTxTicketIndex());
    }

    @Test
    void newRoundIsKeyedByRoundAndCarriesThePoolSizeAtItsBlock() {
        Facts facts = new Facts();
        Decoded.Emit emit = (Decoded.Emit) all.decode(log(ROUNDS, KnownEvent.NEW_ROUND,
                List.of(word(BigInteger.valueOf(4242))), "0x" + "ee".repeat(32)), facts);
        assertThat(emit.key()).isEqualTo("4242");
        NewRoundEvent r = (NewRoundEvent) emit.event().getEvent();
        assertThat(r.getRound()).isEqualTo(4242);
        assertThat(r.getRoundBlockHash()).isEqualTo("0x" + "ee".repeat(32));
        assertThat(r.getTranscoderPoolSize()).isEqualTo(3L);
        assertThat(facts.asked).containsExactly("pool 100");
    }

    @Test
    void redeemedDecodesItsDynamicAuxData() {
        String aux = "11".repeat(32) + "22".repeat(32);
        String data = word(BigInteger.TEN) + hex(MAX) + hex(BigInteger.valueOf(7)) + hex(BigInteger.valueOf(99))
                + hex(BigInteger.valueOf(160)) + hex(BigInteger.valueOf(64)) + aux;
        Decoded.Emit emit = (Decoded.Emit) all.decode(log(BROKER, KnownEvent.WINNING_TICKET_REDEEMED,
                List.of(addr(SENDER), addr(ORCH)), data), new Facts());
        assertThat(emit.key()).isEqualTo(SENDER);
        WinningTicketRedeemedEvent r = (WinningTicketRedeemedEvent) emit.event().getEvent();
        assertThat(r.getRecipient()).isEqualTo(ORCH);
        assertThat(r.getFaceValue()).isEqualTo(new BigDecimal(BigInteger.TEN, 0));
        assertThat(r.getWinProb()).isEqualTo(new BigDecimal(MAX, 0));
        assertThat(r.getSenderNonce().intValueExact()).isEqualTo(7);
        assertThat(r.getRecipientRand().intValueExact()).isEqualTo(99);
        assertThat(r.getAuxData()).isEqualTo("0x" + aux);
    }

    @Test
    void reserveClaimedReadsTheClaimantFromTheData() {
        Decoded.Emit emit = (Decoded.Emit) all.decode(log(BROKER, KnownEvent.RESERVE_CLAIMED, List.of(addr(SENDER)),
                addr(ORCH) + hex(BigInteger.ONE)), new Facts());
        assertThat(emit.key()).isEqualTo(SENDER);
        assertThat(((ReserveClaimedEvent) emit.event().getEvent()).getClaimant()).isEqualTo(ORCH);
    }

    @Test
    void theFilterDropsOtherOrchestratorsTransfersAndUpdatesWithoutAskingTheChain() {
        LogDecoder pool = new LogDecoder(CONTRACTS, new OrchestratorFilter(Set.of(new Address(ORCH))));
        Facts facts = new Facts();
        assertThat(pool.decode(log(BROKER, KnownEvent.WINNING_TICKET_TRANSFER, List.of(addr(SENDER), addr(OTHER)),
                word(BigInteger.ONE)), facts)).isEqualTo(new Decoded.Filtered(KnownEvent.WINNING_TICKET_TRANSFER));
        assertThat(pool.decode(log(BONDING, KnownEvent.TRANSCODER_UPDATE, List.of(addr(OTHER)),
                word(BigInteger.ONE) + hex(BigInteger.TWO)), facts)).isInstanceOf(Decoded.Filtered.class);
        assertThat(facts.asked).isEmpty();
        Decoded.Emit ours = (Decoded.Emit) pool.decode(log(BONDING, KnownEvent.TRANSCODER_UPDATE, List.of(addr(ORCH)),
                word(BigInteger.valueOf(100_000)) + hex(BigInteger.valueOf(250_000))), facts);
        assertThat(((TranscoderUpdateEvent) ours.event().getEvent()).getFeeShare()).isEqualTo(250_000);
        // sender events are not the filter's business
        assertThat(pool.decode(log(BROKER, KnownEvent.WINNING_TICKET_REDEEMED, List.of(addr(SENDER), addr(OTHER)),
                word(BigInteger.ONE) + hex(BigInteger.ONE) + hex(BigInteger.ONE) + hex(BigInteger.ONE)
                        + hex(BigInteger.valueOf(160)) + hex(BigInteger.ZERO)), facts)).isInstanceOf(Decoded.Emit.class);
    }

    @Test
    void logsOfOtherContractsOrTopicsAreIgnored() {
        Address stranger = Address.parse("0x00000000000000000000000000000000000000ff");
        assertThat(all.decode(log(stranger, KnownEvent.DEPOSIT_FUNDED, List.of(addr(SENDER)), word(BigInteger.ONE)),
                new Facts())).isInstanceOf(Decoded.Ignored.class);
        // a TicketBroker topic from the BondingManager is not a TicketBroker event
        assertThat(all.decode(log(BONDING, KnownEvent.DEPOSIT_FUNDED, List.of(addr(SENDER)), word(BigInteger.ONE)),
                new Facts())).isInstanceOf(Decoded.Ignored.class);
    }

    @Test
    void malformedLogsAreRefusedNotGuessed() {
        Facts facts = new Facts();
        assertThatThrownBy(() -> all.decode(log(BROKER, KnownEvent.DEPOSIT_FUNDED, List.of(addr(SENDER)), "0x"), facts))
                .isInstanceOf(UndecodableLogException.class).hasMessageContaining("data words");
        assertThatThrownBy(() -> all.decode(log(BROKER, KnownEvent.WINNING_TICKET_TRANSFER, List.of(addr(SENDER)),
                word(BigInteger.ONE)), facts)).isInstanceOf(UndecodableLogException.class).hasMessageContaining("topics");
        assertThatThrownBy(() -> all.decode(log(BROKER, KnownEvent.DEPOSIT_FUNDED, List.of(word(MAX)),
                word(BigInteger.ONE)), facts)).isInstanceOf(UndecodableLogException.class).hasMessageContaining("not an address");
        assertThatThrownBy(() -> all.decode(log(BROKER, KnownEvent.UNLOCK, List.of(addr(SENDER)),
                word(MAX) + hex(BigInteger.ONE)), facts)).isInstanceOf(UndecodableLogException.class).hasMessageContaining("long");
        String badOffset = word(BigInteger.ONE) + hex(BigInteger.ONE) + hex(BigInteger.ONE) + hex(BigInteger.ONE)
                + hex(BigInteger.valueOf(4096)) + hex(BigInteger.ZERO);
        assertThatThrownBy(() -> all.decode(log(BROKER, KnownEvent.WINNING_TICKET_REDEEMED,
                List.of(addr(SENDER), addr(ORCH)), badOffset), facts))
                .isInstanceOf(UndecodableLogException.class).hasMessageContaining("offset");
    }

    private static Log log(Address contract, KnownEvent event, List<String> indexed, String data) {
        Log log = new Log();
        log.setAddress(contract.checksummed());
        List<String> topics = new ArrayList<>();
        topics.add(event.topic0());
        topics.addAll(indexed);
        log.setTopics(topics);
        log.setData(data);
        log.setBlockNumber("0x64");
        log.setLogIndex("0x5");
        log.setTransactionHash("0x" + "AB".repeat(32));
        log.setBlockHash("0x" + "cd".repeat(32));
        return log;
    }

    private static String addr(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    private static String word(BigInteger value) {
        return "0x" + hex(value);
    }

    private static String hex(BigInteger value) {
        String h = value.toString(16);
        return "0".repeat(64 - h.length()) + h;
    }
}
