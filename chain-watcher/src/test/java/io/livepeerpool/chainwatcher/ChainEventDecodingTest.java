package io.livepeerpool.chainwatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.Redemption;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.chainwatcher.decode.KnownEvent;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.DepositFundedEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.ReserveClaimedEvent;
import io.livepeerpool.schemas.avro.ReserveFundedEvent;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.UnlockCancelledEvent;
import io.livepeerpool.schemas.avro.UnlockEvent;
import io.livepeerpool.schemas.avro.WinningTicketRedeemedEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import io.livepeerpool.schemas.avro.WithdrawFeesEvent;
import io.livepeerpool.schemas.avro.WithdrawalEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Every event type, produced by real transactions on the dev chain, arrives in the topic exactly once with the
 * right fields and key, in chain order.
 */
class ChainEventDecodingTest {
    private static final BigInteger ETH = DeployOptions.ETHER;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyEventTypeArrivesOnceWithItsFieldsAndKey() throws Exception {
        // deposit 1 ETH, reserve 2 ETH; a second orchestrator makes the pool size 2: a 3 ETH ticket (within the funding
        // check's deposit + reserve) pays 1 + 1 ETH
        DevNetwork net = TestChain.deploy(DeployOptions.defaults().withBroadcasterFunds(ETH, ETH.multiply(BigInteger.TWO)));
        TicketBrokerClient broker = net.ticketBroker();
        Address orchestrator = net.accounts().orchestrator().address();
        Address broadcaster = net.accounts().broadcaster().address();
        Address payout = net.accounts().payout().address();
        try (WatcherFixture f = new WatcherFixture(net, "decoding")) {
            ChainWatcher watcher = f.watcher("decoding", Map.of());
            watcher.start();

            Transactor second = net.chain().transactor(net.accounts().spare(2));
            TxResult secondRegistered = net.bondingManager().registerTranscoder(second, 0, 500_000).requireSuccess("register");
            Transactor sender = net.chain().transactor(net.accounts().spare(4));
            TxResult deposit = broker.fundDeposit(sender, ETH).requireSuccess("deposit");
            TxResult reserve = broker.fundReserve(sender, ETH.multiply(BigInteger.TWO)).requireSuccess("reserve");
            SignedTicket ticket = net.ticketMaker().make(orchestrator, ETH.multiply(BigInteger.valueOf(3)), TicketMaker.ALWAYS_WINS);
            Redemption redemption = broker.redeemWinningTicket(net.redeemer(), ticket);
            assertThat(redemption.success()).isTrue();
            BigInteger fees = net.bondingManager().pendingFees(orchestrator, net.roundsManager().currentRound());
            TxResult feesWithdrawn = net.bondingManager().withdrawFees(net.orchestrator(), payout, fees).requireSuccess("withdrawFees");
            TxResult updated = net.bondingManager().registerTranscoder(net.orchestrator(), 200_000, 300_000).requireSuccess("update");
            long unlockRound = net.roundsManager().currentRound().longValueExact();
            TxResult unlock = broker.unlock(sender).requireSuccess("unlock");
            TxResult cancelled = broker.cancelUnlock(sender).requireSuccess("cancel");
            TxResult unlockAgain = broker.unlock(sender).requireSuccess("unlock again");
            // The watcher caught up before each round's blocks are mined: a NewRound's pool size is read at its block,
            // and the dev chain (anvil) keeps the state of its last 256 blocks only (a lagging watcher would fall back
            // to the latest value, counting the refused read as an RPC error).
            caughtUp(net, watcher);
            long round = 0;
            for (int i = 0; i < 2; i++) {
                round = net.roundAdvancer().advance().longValueExact();
                caughtUp(net, watcher);
            }
            TxResult withdrawal = broker.withdraw(sender).requireSuccess("withdraw");
            net.chain().anvil().mine(1); // one confirmation for the last transaction
            long last = withdrawal.blockNumber().longValueExact();
            WatcherFixture.awaitCursor(watcher, last, WAIT);

            List<ConsumerRecord<String, ChainEvent>> records = f.readEvents("read_committed");
            List<ChainEvent> events = records.stream().map(ConsumerRecord::value).toList();
            long start = net.contracts().deployBlock().longValueExact() + 1;
            assertThat(events.stream().map(GroundTruth::id).toList())
                    .as("each watched log once, in block then log index order")
                    .containsExactlyElementsOf(GroundTruth.logIds(net, start, watcher.cursor().orElseThrow().getLastEmittedBlock()));
            for (ChainEvent e : events) {
                assertThat(e.getContract()).isIn(net.contracts().ticketBroker().hex(), net.contracts().roundsManager().hex(),
                        net.contracts().bondingManager().hex());
                assertThat(e.getBlockHash()).matches("0x[0-9a-f]{64}");
                assertThat(e.getTxHash()).matches("0x[0-9a-f]{64}");
            }

            DepositFundedEvent d = single(records, deposit, KnownEvent.DEPOSIT_FUNDED, sender.address().hex(), DepositFundedEvent.class);
            assertThat(d.getSender()).isEqualTo(sender.address().hex());
            assertWei(d.getAmount(), ETH);

            ReserveFundedEvent r = single(records, reserve, KnownEvent.RESERVE_FUNDED, sender.address().hex(), ReserveFundedEvent.class);
            assertThat(r.getReserveHolder()).isEqualTo(sender.address().hex());
            assertWei(r.getAmount(), ETH.multiply(BigInteger.TWO));

            WinningTicketRedeemedEvent redeemed = single(records, redemption.tx(), KnownEvent.WINNING_TICKET_REDEEMED,
                    broadcaster.hex(), WinningTicketRedeemedEvent.class);
            assertThat(redeemed.getSender()).isEqualTo(broadcaster.hex());
            assertThat(redeemed.getRecipient()).isEqualTo(orchestrator.hex());
            assertWei(redeemed.getFaceValue(), ETH.multiply(BigInteger.valueOf(3)));
            assertWei(redeemed.getWinProb(), TicketMaker.ALWAYS_WINS);
            assertWei(redeemed.getSenderNonce(), ticket.ticket().senderNonce());
            assertWei(redeemed.getRecipientRand(), ticket.recipientRand());
            assertThat(redeemed.getAuxData()).isEqualTo("0x" + HexFormat.of().formatHex(ticket.ticket().auxData()));

            ReserveClaimedEvent claimed = single(records, redemption.tx(), KnownEvent.RESERVE_CLAIMED, broadcaster.hex(),
                    ReserveClaimedEvent.class);
            assertThat(claimed.getReserveHolder()).isEqualTo(broadcaster.hex());
            assertThat(claimed.getClaimant()).isEqualTo(orchestrator.hex());
            assertWei(claimed.getAmount(), ETH);

            WinningTicketTransferEvent transfer = single(records, redemption.tx(), KnownEvent.WINNING_TICKET_TRANSFER,
                    orchestrator.hex(), WinningTicketTransferEvent.class);
            assertThat(transfer.getSender()).isEqualTo(broadcaster.hex());
            assertThat(transfer.getRecipient()).isEqualTo(orchestrator.hex());
            assertWei(transfer.getAmount(), ETH.multiply(BigInteger.TWO)); // less than the 3 ETH faceValue
            assertThat(redemption.tx().gasCost()).isPositive();
            assertWei(transfer.getGasCost(), redemption.tx().gasCost());

            WithdrawFeesEvent withdrawn = single(records, feesWithdrawn, KnownEvent.WITHDRAW_FEES, orchestrator.hex(),
                    WithdrawFeesEvent.class);
            assertThat(withdrawn.getDelegator()).isEqualTo(orchestrator.hex());
            assertThat(withdrawn.getRecipient()).isEqualTo(payout.hex());
            assertWei(withdrawn.getAmount(), fees);

            TranscoderUpdateEvent update = single(records, updated, KnownEvent.TRANSCODER_UPDATE, orchestrator.hex(),
                    TranscoderUpdateEvent.class);
            assertThat(update.getTranscoder()).isEqualTo(orchestrator.hex());
            assertThat(update.getRewardCut()).isEqualTo(200_000L);
            assertThat(update.getFeeShare()).isEqualTo(300_000L);
            TranscoderUpdateEvent secondUpdate = single(records, secondRegistered, KnownEvent.TRANSCODER_UPDATE,
                    second.address().hex(), TranscoderUpdateEvent.class);
            assertThat(secondUpdate.getFeeShare()).isEqualTo(500_000L);

            UnlockEvent u = single(records, unlock, KnownEvent.UNLOCK, sender.address().hex(), UnlockEvent.class);
            assertThat(u.getSender()).isEqualTo(sender.address().hex());
            assertThat(u.getStartRound()).isEqualTo(unlockRound);
            assertThat(u.getEndRound()).isEqualTo(unlockRound + net.contracts().options().unlockPeriod());
            assertThat(single(records, cancelled, KnownEvent.UNLOCK_CANCELLED, sender.address().hex(),
                    UnlockCancelledEvent.class).getSender()).isEqualTo(sender.address().hex());
            single(records, unlockAgain, KnownEvent.UNLOCK, sender.address().hex(), UnlockEvent.class);

            WithdrawalEvent w = single(records, withdrawal, KnownEvent.WITHDRAWAL, sender.address().hex(), WithdrawalEvent.class);
            assertThat(w.getSender()).isEqualTo(sender.address().hex());
            assertWei(w.getDeposit(), ETH);
            assertWei(w.getReserve(), ETH.multiply(BigInteger.TWO));

            List<ConsumerRecord<String, ChainEvent>> rounds = records.stream()
                    .filter(rec -> rec.value().getEvent() instanceof NewRoundEvent).toList();
            assertThat(rounds).hasSize(3); // the deployment's round, then two advances
            for (ConsumerRecord<String, ChainEvent> rec : rounds.subList(1, 3)) {
                NewRoundEvent nr = (NewRoundEvent) rec.value().getEvent();
                assertThat(rec.key()).isEqualTo(Long.toString(nr.getRound()));
                assertThat(rec.value().getContract()).isEqualTo(net.contracts().roundsManager().hex());
                assertThat(nr.getRoundBlockHash())
                        .isEqualTo(net.roundsManager().blockHashForRound(BigInteger.valueOf(nr.getRound())).toString());
                assertThat(nr.getTranscoderPoolSize()).isEqualTo(2L);
            }
            assertThat(((NewRoundEvent) rounds.get(2).value().getEvent()).getRound()).isEqualTo(round);
            // the deployment's NewRound is older than the BondingManager: no pool size at its block, so the latest one
            assertThat(((NewRoundEvent) rounds.get(0).value().getEvent()).getTranscoderPoolSize()).isNotNull();

            assertThat(watcher.healthy()).isTrue();
            assertThat(watcher.metrics().rpcErrorCount()).isZero();
        }
    }

    /** One more block, so that the last one is confirmed (1 confirmation), and the watcher's cursor at it. */
    private static void caughtUp(DevNetwork net, ChainWatcher watcher) {
        net.chain().anvil().mine(1);
        WatcherFixture.awaitCursor(watcher, net.reader().blockNumber().longValueExact() - 1, WAIT);
    }

    @Test
    void poolOrchestratorsFilterTransfersAndTranscoderUpdatesOnly() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults().withBroadcasterFunds(ETH, ETH));
        Address orchestrator = net.accounts().orchestrator().address();
        Transactor second = net.chain().transactor(net.accounts().spare(3));
        net.bondingManager().registerTranscoder(second, 0, 100_000).requireSuccess("register");
        Redemption toOrchestrator = net.ticketBroker().redeemWinningTicket(net.redeemer(),
                net.ticketMaker().make(orchestrator, ETH.divide(BigInteger.TEN), TicketMaker.ALWAYS_WINS));
        Redemption toSecond = net.ticketBroker().redeemWinningTicket(net.redeemer(),
                net.ticketMaker().make(second.address(), ETH.divide(BigInteger.TEN), TicketMaker.ALWAYS_WINS));
        assertThat(toOrchestrator.success() && toSecond.success()).isTrue();
        net.chain().anvil().mine(1);
        long last = blockOf(toSecond.tx());
        try (WatcherFixture f = new WatcherFixture(net, "filter")) {
            ChainWatcher watcher = f.watcher("filter", Map.of("ledger.orchestrators", second.address().checksummed()));
            watcher.start();
            WatcherFixture.awaitCursor(watcher, last, WAIT);

            List<ChainEvent> events = f.committedEvents();
            assertThat(events.stream().map(ChainEvent::getEvent).filter(WinningTicketTransferEvent.class::isInstance)
                    .map(e -> ((WinningTicketTransferEvent) e).getRecipient())).containsExactly(second.address().hex());
            assertThat(events.stream().map(ChainEvent::getEvent).filter(TranscoderUpdateEvent.class::isInstance)
                    .map(e -> ((TranscoderUpdateEvent) e).getTranscoder())).containsExactly(second.address().hex());
            // sender-side events are never filtered: both redemptions' WinningTicketRedeemed are there
            assertThat(events.stream().filter(e -> e.getEvent() instanceof WinningTicketRedeemedEvent)).hasSize(2);
            assertThat(f.readEvents("read_committed").stream().filter(r -> r.value().getEvent() instanceof WinningTicketTransferEvent)
                    .map(ConsumerRecord::key)).containsExactly(second.address().hex());
        }
    }

    /**
     * A batch redemption of three tickets (the pool's orchestrator, another, the pool's again): each emitted transfer
     * carries the whole transaction's gas and its place among the transaction's three transfers, the filtered one
     * included, so that the ledger can charge each ticket its share.
     */
    @Test
    void batchTransfersCarryTheirPositionInTheTransaction() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults().withBroadcasterFunds(ETH.multiply(BigInteger.TEN), ETH));
        Address orchestrator = net.accounts().orchestrator().address();
        Transactor second = net.chain().transactor(net.accounts().spare(3));
        net.bondingManager().registerTranscoder(second, 0, 100_000).requireSuccess("register");
        BigInteger face = ETH.divide(BigInteger.TEN);
        TxResult batch = net.ticketBroker().batchRedeemWinningTickets(net.redeemer(), List.of(
                net.ticketMaker().make(orchestrator, face, TicketMaker.ALWAYS_WINS),
                net.ticketMaker().make(second.address(), face, TicketMaker.ALWAYS_WINS),
                net.ticketMaker().make(orchestrator, face, TicketMaker.ALWAYS_WINS))).requireSuccess("batch");
        net.chain().anvil().mine(1);
        try (WatcherFixture f = new WatcherFixture(net, "batch")) {
            ChainWatcher watcher = f.watcher("batch", Map.of("ledger.orchestrators", orchestrator.hex()));
            watcher.start();
            WatcherFixture.awaitCursor(watcher, blockOf(batch), WAIT);

            List<ChainEvent> transfers = f.committedEvents().stream()
                    .filter(e -> e.getEvent() instanceof WinningTicketTransferEvent).toList();
            assertThat(transfers).hasSize(2).allSatisfy(e -> {
                assertThat(e.getTxHash()).isEqualTo(batch.txHash().toLowerCase());
                WinningTicketTransferEvent t = (WinningTicketTransferEvent) e.getEvent();
                assertThat(t.getRecipient()).isEqualTo(orchestrator.hex());
                assertThat(t.getTxTickets()).isEqualTo(3);
                assertWei(t.getGasCost(), batch.gasCost());
            });
            assertThat(transfers.stream().map(e -> ((WinningTicketTransferEvent) e.getEvent()).getTxTicketIndex()))
                    .containsExactly(0, 2);
        }
    }

    private static long blockOf(TxResult tx) {
        return tx.blockNumber().longValueExact();
    }

    /** The one record of {@code tx}'s log of {@code type}, checked for its log index and key. */
    private static <T> T single(List<ConsumerRecord<String, ChainEvent>> records, TxResult tx, KnownEvent type,
                                String key, Class<T> payload) {
        List<Log> logs = tx.logs().stream().filter(l -> l.getTopics().get(0).equalsIgnoreCase(type.topic0())).toList();
        assertThat(logs).as("%s logs in tx %s", type, tx.txHash()).hasSize(1);
        List<ConsumerRecord<String, ChainEvent>> found = records.stream()
                .filter(r -> r.value().getTxHash().equals(tx.txHash().toLowerCase())
                        && r.value().getLogIndex() == logs.get(0).getLogIndex().intValueExact())
                .toList();
        assertThat(found).as("%s of tx %s", type, tx.txHash()).hasSize(1);
        ChainEvent event = found.get(0).value();
        assertThat(found.get(0).key()).as("key of %s", type).isEqualTo(key);
        assertThat(event.getBlockNumber()).isEqualTo(tx.blockNumber().longValueExact());
        assertThat(event.getContract()).isEqualTo(logs.get(0).getAddress().toLowerCase());
        assertThat(event.getEvent()).isInstanceOf(payload);
        assertThat(Abi.topic(type.signature())).isEqualTo(type.topic0());
        return payload.cast(event.getEvent());
    }

    private static void assertWei(BigDecimal actual, BigInteger expected) {
        assertThat(actual.scale()).isZero();
        assertThat(actual.toBigIntegerExact()).isEqualTo(expected);
    }
}
