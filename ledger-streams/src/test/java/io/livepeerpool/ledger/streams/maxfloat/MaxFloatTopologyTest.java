package io.livepeerpool.ledger.streams.maxfloat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livepeerpool.ledger.maxfloat.SenderFunds;
import io.livepeerpool.ledger.maxfloat.SenderViews;
import io.livepeerpool.ledger.streams.MemoryRegistry;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.DepositFundedEvent;
import io.livepeerpool.schemas.avro.IntentTicket;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionIntentState;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import io.livepeerpool.schemas.avro.ReserveClaimedEvent;
import io.livepeerpool.schemas.avro.ReserveFundedEvent;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.UnlockCancelledEvent;
import io.livepeerpool.schemas.avro.UnlockEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import io.livepeerpool.schemas.avro.WithdrawalEvent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The max float topology in a TopologyTestDriver (one partition), with the chain's views played by a map. */
class MaxFloatTopologyTest {
    private static final String POOL = "0x00000000000000000000000000000000000000aa";
    private static final String OTHER = "0x00000000000000000000000000000000000000bb";
    private static final String ALICE = "0x0000000000000000000000000000000000000a11";
    private static final String BOB = "0x0000000000000000000000000000000000000b0b";
    private static final String WALLET = "0x0000000000000000000000000000000000000cc1";

    /** What the "chain" answers for a sender, and every read it was asked for. */
    private final Map<String, SenderFunds> chain = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final SenderViews views = (sender, block) -> {
        reads.add(sender + "@" + (block.isPresent() ? block.getAsLong() : "latest"));
        return chain.getOrDefault(sender, SenderFunds.empty(3, 2));
    };

    private TopologyTestDriver driver;
    private TestInputTopic<String, ChainEvent> events;
    private TestInputTopic<String, RedemptionIntent> intents;
    private TestInputTopic<String, Redemption> outcomes;
    private TestOutputTopic<String, MaxFloat> out;
    private int logIndex;

    @BeforeEach
    void start() throws Exception {
        SchemaRegistryClient registry = new MemoryRegistry();
        MaxFloatTopics topics = MaxFloatTopics.catalogue();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "max-float-ttd-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Path stateDir = Files.createTempDirectory("max-float-ttd");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MaxFloatTopology.build(topics, POOL, 1, views, registry), props);
        events = driver.createInputTopic(topics.chainEvents(), Serdes.String().serializer(),
                AvroSerde.forClass(ChainEvent.class, registry).serializer());
        intents = driver.createInputTopic(topics.redemptionIntents(), Serdes.String().serializer(),
                AvroSerde.forClass(RedemptionIntent.class, registry).serializer());
        outcomes = driver.createInputTopic(topics.redemptions(), Serdes.String().serializer(),
                AvroSerde.forClass(Redemption.class, registry).serializer());
        out = driver.createOutputTopic(topics.maxFloat(), Serdes.String().deserializer(),
                AvroSerde.forClass(MaxFloat.class, registry).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aNewSenderStartsFromTheChainAtTheBlockBeforeItsFirstEvent() {
        chain.put(ALICE, new SenderFunds(wei(0), 0, wei(1000), wei(0), wei(0), 2, wei(0), 3));
        chain(10, new DepositFundedEvent(ALICE, dec(300)));
        assertEquals(List.of(ALICE + "@9"), reads);
        MaxFloat v = only(ALICE);
        assertEquals("Initialised", v.getCause());
        assertEquals(dec(300), v.getDeposit());
        assertEquals(dec(500), v.getMaxFloat()); // 1000 / 2
        assertEquals(3, v.getRound());

        chain(11, new ReserveFundedEvent(ALICE, dec(200)));
        assertEquals(dec(600), only(ALICE).getMaxFloat());
        assertEquals(1, reads.size(), "a known sender is not read again");
    }

    @Test
    void claimsByThePoolCountAgainstItsShareClaimsByOthersOnlyMoveTheReserve() {
        chain.put(ALICE, new SenderFunds(wei(0), 0, wei(1000), wei(0), wei(0), 2, wei(0), 3));
        chain(10, new ReserveFundedEvent(ALICE, dec(0)));
        out.readValuesToList();
        chain(11, new ReserveClaimedEvent(ALICE, POOL, dec(100)));
        assertEquals(dec(400), only(ALICE).getMaxFloat()); // (900 + 100) / 2 - 100
        chain(12, new ReserveClaimedEvent(ALICE, OTHER, dec(100)));
        MaxFloat v = only(ALICE);
        assertEquals(dec(400), v.getMaxFloat(), "(800 + 200) / 2 - 100: same value, new inputs, so published");
        assertEquals(dec(200), v.getReserveClaimedInCurrentRound());
        chain(13, new DepositFundedEvent(ALICE, dec(50)));
        out.readValuesToList();
        chain(14, new WinningTicketTransferEvent(ALICE, POOL, dec(100), dec(1), 1, 0));
        assertEquals(dec(0), only(ALICE).getDeposit(), "a transfer above the deposit empties it");
    }

    @Test
    void pendingCountsEachTicketOnceUntilItsOutcome() {
        chain.put(ALICE, new SenderFunds(wei(0), 0, wei(1000), wei(0), wei(0), 1, wei(0), 3));
        chain(10, new ReserveFundedEvent(ALICE, dec(0)));
        out.readValuesToList();

        RedemptionIntent open = intent("w|7", RedemptionIntentState.Open,
                ticket("0x01", ALICE, 100), ticket("0x02", ALICE, 50), ticket("0x03", BOB, 30));
        intents.pipeInput(WALLET, open);
        Map<String, MaxFloat> byKey = latest();
        assertEquals(dec(150), byKey.get(ALICE).getPending());
        assertEquals(dec(850), byKey.get(ALICE).getMaxFloat());
        assertEquals("RedemptionStarted", byKey.get(ALICE).getCause());
        assertEquals(dec(30), byKey.get(BOB).getPending());
        assertTrue(reads.contains(BOB + "@10"), "bob read at the block the partition has applied: " + reads);

        intents.pipeInput(WALLET, open);
        intents.pipeInput(WALLET, intent("w|7", RedemptionIntentState.Replaced, ticket("0x01", ALICE, 100)));
        assertTrue(out.isEmpty(), "a re-delivered Open and a Replaced add nothing");
        intents.pipeInput(WALLET, intent("w|8", RedemptionIntentState.Open,
                new IntentTicket("0x09", ALICE, OTHER, dec(70))));
        assertTrue(out.isEmpty(), "another orchestrator's ticket is not this recipient's pending");

        outcomes.pipeInput("0x01", outcome("0x01", ALICE, 100));
        outcomes.pipeInput("0x01", outcome("0x01", ALICE, 100));
        MaxFloat v = only(ALICE);
        assertEquals(dec(50), v.getPending(), "the second copy of the outcome removes nothing");
        assertEquals("RedemptionEnded", v.getCause());

        intents.pipeInput(WALLET, intent("w|7", RedemptionIntentState.Closed, ticket("0x01", ALICE, 100),
                ticket("0x02", ALICE, 50)));
        assertEquals(dec(0), only(ALICE).getPending(), "Closed releases the ticket still held without an outcome");
    }

    @Test
    void depositThreeTimesPendingKeepsTheWholeAllocation() {
        chain.put(ALICE, new SenderFunds(wei(300), 0, wei(1000), wei(0), wei(0), 1, wei(0), 3));
        intents.pipeInput(WALLET, intent("w|1", RedemptionIntentState.Open, ticket("0x01", ALICE, 100)));
        MaxFloat v = latest().get(ALICE);
        assertEquals(dec(1000), v.getMaxFloat());
        assertEquals(List.of(ALICE + "@latest"), reads, "no chain event applied yet: the latest block");
    }

    @Test
    void newRoundResetsClaimsOfEveryKnownSenderAndRepublishesEach() {
        chain.put(ALICE, new SenderFunds(wei(0), 0, wei(1000), wei(0), wei(0), 2, wei(0), 3));
        chain.put(BOB, new SenderFunds(wei(0), 0, wei(600), wei(0), wei(0), 2, wei(0), 3));
        chain(10, new ReserveClaimedEvent(ALICE, POOL, dec(100)));
        chain(10, new ReserveFundedEvent(BOB, dec(0)));
        out.readValuesToList();
        chain(20, new NewRoundEvent(4L, "0x" + "ab".repeat(32), 3L));
        Map<String, MaxFloat> byKey = latest();
        assertEquals(2, byKey.size());
        assertEquals(dec(300), byKey.get(ALICE).getMaxFloat()); // 900 / 3
        assertEquals(dec(0), byKey.get(ALICE).getClaimedByRecipient());
        assertEquals(dec(200), byKey.get(BOB).getMaxFloat());
        assertEquals(4, byKey.get(BOB).getRound());
        chain(21, new NewRoundEvent(4L, "0x" + "ab".repeat(32), 5L));
        assertTrue(out.isEmpty(), "the same round again changes nothing");
    }

    @Test
    void unlockWithdrawalAndNoOpEvents() {
        chain.put(ALICE, new SenderFunds(wei(500), 0, wei(1000), wei(0), wei(0), 1, wei(0), 3));
        chain(10, new UnlockEvent(ALICE, 3L, 5L));
        assertEquals(5, only(ALICE).getWithdrawRound());
        chain(11, new WithdrawalEvent(ALICE, dec(500), dec(1000)));
        MaxFloat v = only(ALICE);
        assertEquals(dec(0), v.getMaxFloat());
        assertEquals(5, v.getWithdrawRound(), "kept, as the deployed contract does");
        chain(12, new UnlockCancelledEvent(ALICE));
        assertEquals(0, only(ALICE).getWithdrawRound());
        chain(13, new UnlockCancelledEvent(ALICE));
        chain(14, new TranscoderUpdateEvent(POOL, 1L, 2L));
        assertTrue(out.isEmpty(), "nothing changed, nothing published");
    }

    // ------------------------------------------------------------------ helpers

    private void chain(long block, Object payload) {
        events.pipeInput("k", ChainEvent.newBuilder().setBlockNumber(block).setBlockHash("0x" + "00".repeat(32))
                .setTxHash("0x" + String.format("%064x", ++logIndex)).setLogIndex(logIndex)
                .setContract(OTHER).setEvent(payload).build());
    }

    private MaxFloat only(String sender) {
        List<org.apache.kafka.streams.test.TestRecord<String, MaxFloat>> records = out.readRecordsToList();
        assertEquals(1, records.size(), "one update expected, got " + records);
        assertEquals(sender, records.get(0).key());
        return records.get(0).value();
    }

    private Map<String, MaxFloat> latest() {
        Map<String, MaxFloat> byKey = new HashMap<>();
        out.readKeyValuesToList().forEach(kv -> byKey.put(kv.key, kv.value));
        return byKey;
    }

    private static RedemptionIntent intent(String id, RedemptionIntentState state, IntentTicket... tickets) {
        return RedemptionIntent.newBuilder().setIntentId(id).setState(state).setRedeemerId("r1").setWallet(WALLET)
                .setNonce(7).setTickets(List.of(tickets)).setRawTx("0x00").setTxHash("0x" + "11".repeat(32))
                .setAt(Instant.EPOCH).build();
    }

    private static IntentTicket ticket(String hash, String sender, long faceValue) {
        return new IntentTicket(hash, sender, POOL, dec(faceValue));
    }

    private static Redemption outcome(String hash, String sender, long faceValue) {
        return Redemption.newBuilder().setTicketHash(hash).setSender(sender).setRecipient(POOL)
                .setFaceValue(dec(faceValue)).setStatus(RedemptionStatus.Redeemed).setAmountTransferred(dec(faceValue))
                .setRedeemerId("r1").setAt(Instant.EPOCH).build();
    }

    private static BigInteger wei(long v) {
        return BigInteger.valueOf(v);
    }

    private static BigDecimal dec(long v) {
        return new BigDecimal(v);
    }

}
