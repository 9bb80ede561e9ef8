package io.livepeerpool.redeemer.worker;

import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.tx.ChainCallException;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.redeemer.RedeemerSettings;
import io.livepeerpool.chain.wallet.BroadcastResult;
import io.livepeerpool.redeemer.chain.RedemptionChain;
import io.livepeerpool.chain.wallet.RpcFailure;
import io.livepeerpool.redeemer.journal.Journal;
import io.livepeerpool.redeemer.journal.JournalView;
import io.livepeerpool.chain.tx.GasShares;
import io.livepeerpool.redeemer.outcome.ReceiptReading;
import io.livepeerpool.redeemer.outcome.TicketResult;
import io.livepeerpool.redeemer.preflight.GasWorth;
import io.livepeerpool.redeemer.preflight.RevertClassifier;
import io.livepeerpool.redeemer.preflight.Verdict;
import io.livepeerpool.redeemer.queue.ChainTime;
import io.livepeerpool.platform.offsets.PendingOffsets;
import io.livepeerpool.redeemer.queue.QueuedTicket;
import io.livepeerpool.redeemer.queue.Readiness;
import io.livepeerpool.redeemer.queue.RedeemClock;
import io.livepeerpool.redeemer.queue.RedemptionWindow;
import io.livepeerpool.redeemer.queue.RetryBackoff;
import io.livepeerpool.redeemer.queue.SourcePosition;
import io.livepeerpool.redeemer.queue.TicketQueue;
import io.livepeerpool.chain.wallet.Fees;
import io.livepeerpool.chain.wallet.SignedTx;
import io.livepeerpool.chain.wallet.Wallet;
import io.livepeerpool.schemas.avro.IntentTicket;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionIntentState;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * The redemption loop of one wallet, on one thread: read a bounded batch of winning tickets, reconcile after any RPC
 * error, follow this wallet's transactions to their confirmed outcome, then pick what is redeemable, pre-flight it,
 * record the intent and broadcast. Every on-chain action is preceded by its durable intent, and every outcome is
 * committed together with the consumer offsets, so a crash at any point is recovered from Kafka and the chain.
 */
public final class RedemptionWorker implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(RedemptionWorker.class);
    private static final BigInteger GAS_LIMIT_MARGIN_PCT = BigInteger.valueOf(130);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final long BALANCE_EVERY_MS = 10_000;

    private final RedeemerSettings settings;
    private final Wallet wallet;
    private final RedemptionChain chain;
    private final RedeemClock clock;
    private final Journal journal;
    private final JournalView view;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<WinningTicket> tickets;
    private final RedeemerMetrics metrics;
    private final CrashPoint crash;
    private final OutcomeRecords records;
    private final GasWorth gasWorth;
    private final RetryBackoff backoff;
    private final String topic;
    private final TicketQueue queue = new TicketQueue();
    private final PendingOffsets offsets = new PendingOffsets();
    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private final Map<String, String> lastRetryReason = new HashMap<>();
    /** Each ticket's own redemption gas from its pre-flight, for the batch that carries it. */
    private final Map<String, BigInteger> preflightGas = new HashMap<>();
    private RedemptionWindow window;
    private long nextNonce = -1;
    private boolean needsReconcile = true;
    private long balanceCheckedAtMs;

    public RedemptionWorker(RedeemerSettings settings, Wallet wallet, RedemptionChain chain, RedeemClock clock,
                            Journal journal, JournalView view, KafkaConsumer<String, byte[]> consumer, String topic,
                            AvroDeserializer<WinningTicket> tickets, RedeemerMetrics metrics, CrashPoint crash) {
        this.settings = settings;
        this.wallet = wallet;
        this.chain = chain;
        this.clock = clock;
        this.journal = journal;
        this.view = view;
        this.consumer = consumer;
        this.topic = topic;
        this.tickets = tickets;
        this.metrics = metrics;
        this.crash = crash;
        this.records = new OutcomeRecords(settings.redeemerId());
        this.gasWorth = new GasWorth(settings.minFaceValueOverGasPct());
        this.backoff = new RetryBackoff(settings.retryBackoffMin().toMillis(), settings.retryBackoffMax().toMillis());
    }

    /** Reads this wallet's open intents back; call once before the loop. Kafka must be reachable. */
    public void recover() {
        view.catchUp(settings.kafkaTimeout());
        for (RedemptionIntent intent : view.openIntents(wallet.address().hex())) {
            String calldata = TransactionDecoder.decode(intent.getRawTx()).getData();
            inFlight.put(intent.getNonce(), new InFlight(intent, calldata, 0));
            intent.getTickets().forEach(t -> queue.markInFlight(io.livepeerpool.protocol.address.Address.parse(t.getSender())));
            log.info("{}: open intent {} ({} tickets, tx {}) to reconcile", wallet, intent.getIntentId(),
                    intent.getTickets().size(), intent.getTxHash());
        }
        needsReconcile = true;
    }

    /** One turn of the loop. RPC failures are absorbed (counted, reconciled next turn); Kafka failures are thrown. */
    public void runOnce() {
        readTickets();
        view.poll();
        try {
            if (needsReconcile) {
                reconcile();
                needsReconcile = false;
            }
            ChainTime now = clock.now();
            long head = chain.blockNumber();
            followInFlight(head);
            dispatch(now);
            checkBalance();
        } catch (RpcFailure e) {
            metrics.rpcError();
            needsReconcile = true;
            log.warn("{}: RPC failure, reconciling before sending anything: {}", wallet, e.getMessage());
        }
        metrics.queue(queue.size(), queue.senders(), inFlight.size());
    }

    /**
     * On a clean stop: sends nothing new and follows this wallet's transactions to their outcomes for at most
     * {@code timeout}, so the instance that takes its senders over is not left holding tickets an open intent carries.
     * What is still open after that is reconciled at the next start with this wallet.
     */
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                if (needsReconcile) {
                    reconcile();
                    needsReconcile = false;
                }
                followInFlight(chain.blockNumber());
            } catch (RpcFailure e) {
                metrics.rpcError();
                needsReconcile = true;
            }
            if (!inFlight.isEmpty()) {
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!inFlight.isEmpty()) {
            log.warn("{}: stopping with {} open intent(s); the next start with this wallet reconciles them", wallet,
                    inFlight.size());
        }
    }

    // ------------------------------------------------------------------ input

    private void readTickets() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(settings.pollInterval())) {
            offsets.read(r.partition(), r.offset());
            WinningTicket w = tickets.deserialize(r.topic(), r.value());
            if (view.hasOutcome(w.getTicketHash()) || queue.contains(w.getTicketHash())) {
                offsets.done(r.partition(), r.offset());
                continue;
            }
            try {
                queue.add(TicketRecords.toQueued(w, new SourcePosition(r.partition(), r.offset())));
            } catch (RuntimeException bad) {
                // the gateway validated it; a record that still does not parse is logged and skipped, never guessed at
                log.error("{}: skipping unreadable winning ticket at {}-{}@{}: {}", wallet, r.topic(), r.partition(),
                        r.offset(), bad.getMessage());
                offsets.done(r.partition(), r.offset());
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // In-flight transactions stay ours: their outcomes are recorded when mined, and the new owner holds those
        // tickets meanwhile (they are in an open intent). Queued tickets go back to be read by the new owner.
        List<Integer> ids = partitions.stream().map(TopicPartition::partition).toList();
        List<QueuedTicket> dropped = queue.dropPartitions(ids);
        ids.forEach(offsets::forget);
        inFlight.values().forEach(f -> f.intent().getTickets()
                .forEach(t -> queue.markInFlight(io.livepeerpool.protocol.address.Address.parse(t.getSender()))));
        log.info("{}: partitions {} revoked, {} queued tickets handed back", wallet, ids, dropped.size());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // outcomes the previous owner recorded before it let go must be known before its tickets are read again
        view.catchUp(settings.kafkaTimeout());
        log.info("{}: partitions {} assigned", wallet, partitions.stream().map(TopicPartition::partition).toList());
    }

    // ------------------------------------------------------------------ reconciliation

    private void reconcile() {
        long mined = chain.nonce(wallet.address(), false);
        for (InFlight f : inFlight.values()) {
            if (findReceipt(f).isPresent()) {
                continue; // followInFlight records it once confirmed
            }
            if (mined > f.nonce()) {
                // every transaction ever signed at this nonce is in the intent, so its receipt must appear
                log.warn("{}: nonce {} is used but none of {} has a receipt yet (reorg or lagging node)", wallet,
                        f.nonce(), f.txHashes());
                continue;
            }
            BroadcastResult r = chain.broadcast(f.intent().getRawTx());
            f.resent(System.currentTimeMillis());
            log.info("{}: rebroadcast {} at nonce {}: {}", wallet, f.intent().getTxHash(), f.nonce(), r);
        }
        long recorded = view.highestNonce(wallet.address().hex()) + 1;
        long localNext = inFlight.isEmpty() ? 0 : inFlight.lastKey() + 1;
        nextNonce = Math.max(Math.max(mined, recorded), Math.max(localNext, nextNonce));
        if (window == null) {
            window = new RedemptionWindow(chain.ticketValidityPeriod(), settings.paramsDelayBlocks());
        }
    }

    private Optional<TxResult> findReceipt(InFlight f) {
        for (String hash : f.txHashes()) {
            Optional<TxResult> r = chain.receipt(hash, wallet.address(), f.calldata());
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ in flight -> outcome

    private void followInFlight(long head) {
        for (InFlight f : List.copyOf(inFlight.values())) {
            Optional<TxResult> receipt = findReceipt(f);
            if (receipt.isEmpty()) {
                maybeReplace(f);
                continue;
            }
            if (receipt.get().blockNumber().longValueExact() + settings.confirmations() > head) {
                continue;
            }
            crash.reached(CrashPoint.BEFORE_OUTCOME);
            resolve(f, receipt.get());
        }
    }

    private void resolve(InFlight f, TxResult tx) {
        List<IntentTicket> carried = f.intent().getTickets();
        List<TicketResult> results = ReceiptReading.results(tx, chain.broker(), f.ticketHashes());
        List<BigInteger> shares = GasShares.split(tx.gasCost(), carried.size());
        String reason = tx.revertReason().orElse("reverted without a reason");
        List<Redemption> outcomes = new ArrayList<>();
        for (int i = 0; i < carried.size(); i++) {
            IntentTicket t = carried.get(i);
            switch (results.get(i)) {
                case TicketResult.Redeemed r -> outcomes.add(records.withTx(t, RedemptionStatus.Redeemed, null, tx,
                        carried.size(), shares.get(i), r.amount()));
                case TicketResult.Reverted r -> {
                    Verdict v = RevertClassifier.classify(reason);
                    if (v instanceof Verdict.Retry && reason.equals(RevertClassifier.FUNDING_CHECK)) {
                        continue; // not consumed: back to the queue until it expires
                    }
                    RedemptionStatus status = v instanceof Verdict.Expired ? RedemptionStatus.Expired : RedemptionStatus.Failed;
                    outcomes.add(records.withTx(t, status, "reverted on chain: " + reason, tx, carried.size(),
                            shares.get(i), BigInteger.ZERO));
                }
                case TicketResult.Skipped s -> {
                    // skipped inside a batch: not consumed by this transaction; pre-flight decides again
                }
            }
        }
        RedemptionIntent closing = RedemptionIntent.newBuilder(f.intent())
                .setState(RedemptionIntentState.Closed).setAt(Instant.now()).build();
        record(outcomes, Optional.of(closing));
        inFlight.remove(f.nonce());
        carried.forEach(t -> queue.clearInFlight(io.livepeerpool.protocol.address.Address.parse(t.getSender())));
        log.info("{}: tx {} (nonce {}, block {}, {}) closed: {} outcomes for {} tickets", wallet, tx.txHash(),
                f.nonce(), tx.blockNumber(), tx.success() ? "ok" : "reverted", outcomes.size(), carried.size());
    }

    private void maybeReplace(InFlight f) {
        long now = System.currentTimeMillis();
        if (now - f.sentAtMs() < settings.replaceAfter().toMillis()) {
            return;
        }
        if (f.replacements() >= settings.replacementsMax()) {
            chain.broadcast(f.intent().getRawTx());
            f.resent(now);
            return;
        }
        RawTransaction old = TransactionDecoder.decode(f.intent().getRawTx());
        Transaction1559 fees1559 = (Transaction1559) old.getTransaction();
        Fees bumped = new Fees(fees1559.getMaxFeePerGas(), fees1559.getMaxPriorityFeePerGas()).bumped(settings.feeBumpPct());
        SignedTx tx = wallet.sign(f.nonce(), chain.broker(), f.calldata(), old.getGasLimit(), bumped);
        List<String> previous = new ArrayList<>(f.intent().getPreviousTxHashes());
        previous.add(f.intent().getTxHash());
        RedemptionIntent replaced = RedemptionIntent.newBuilder(f.intent())
                .setState(RedemptionIntentState.Replaced).setRawTx(tx.rawTx()).setTxHash(tx.txHash())
                .setPreviousTxHashes(previous).setAt(Instant.now()).build();
        journal.recordIntent(replaced);
        f.replacedBy(replaced, now);
        metrics.replacement();
        BroadcastResult r = chain.broadcast(tx.rawTx());
        log.info("{}: replaced {} by {} at nonce {} (max fee {}): {}", wallet, previous.getLast(), tx.txHash(),
                f.nonce(), bumped.maxFeePerGas(), r);
    }

    // ------------------------------------------------------------------ queue -> transaction

    private void dispatch(ChainTime now) {
        List<Redemption> immediate = new ArrayList<>();
        List<QueuedTicket> batch = new ArrayList<>();
        long nowMs = System.currentTimeMillis();
        for (QueuedTicket t : queue.heads(nowMs)) {
            if (batch.size() >= settings.batchMaxTickets()) {
                break;
            }
            if (view.openIntentOf(t.ticketHash()).isPresent()) {
                continue; // another wallet's transaction carries it (after a rebalance): wait for its outcome
            }
            Readiness readiness = window.readiness(t, now);
            if (readiness == Readiness.EXPIRED) {
                immediate.add(records.withoutTx(intentTicket(t), RedemptionStatus.Expired,
                        lastRetryReason.getOrDefault(t.ticketHash(), RevertClassifier.EXPIRED)));
                continue;
            }
            if (readiness == Readiness.PARAMS_IN_USE) {
                continue;
            }
            switch (preflight(t)) {
                case Verdict.Proceed p -> batch.add(t);
                case Verdict.Final f -> immediate.add(records.withoutTx(intentTicket(t), RedemptionStatus.Failed, f.reason()));
                case Verdict.Expired e -> immediate.add(records.withoutTx(intentTicket(t), RedemptionStatus.Expired, e.reason()));
                case Verdict.Retry r -> retry(t, r.reason(), nowMs);
            }
        }
        record(immediate, Optional.empty());
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    private Verdict preflight(QueuedTicket t) {
        Optional<String> reason = chain.redeemRevertReason(wallet.address(), t.ticket());
        if (reason.isPresent()) {
            if (reason.get().equals("ticket is used")) {
                // ours or another instance's transaction may have used it: the journal knows (its intent was committed
                // before the broadcast), so read it to its end before calling the ticket spent by someone else
                view.catchUp(settings.kafkaTimeout());
                if (view.hasOutcome(t.ticketHash()) || view.openIntentOf(t.ticketHash()).isPresent()) {
                    return new Verdict.Retry("held: recorded by another redeemer");
                }
            }
            return RevertClassifier.classify(reason.get());
        }
        BigInteger gas;
        try {
            gas = chain.estimateGas(wallet.address(), TicketBrokerClient.redeemCalldata(t.ticket()));
        } catch (ChainCallException e) {
            // the state moved between the call and the estimate: classify the estimate's reason the same way
            return RevertClassifier.classify(e.revertReason().orElseThrow());
        }
        BigInteger price = chain.gasPrice();
        if (!gasWorth.covers(t.faceValue(), gas, price)) {
            return new Verdict.Retry("face value " + t.faceValue() + " does not cover redemption gas " + gas + " x " + price);
        }
        preflightGas.put(t.ticketHash(), gas);
        return new Verdict.Proceed();
    }

    private void retry(QueuedTicket t, String reason, long nowMs) {
        if (reason.startsWith("held: ") && view.hasOutcome(t.ticketHash())) {
            queue.remove(t.ticketHash());
            offsets.done(t.position().partition(), t.position().offset());
            return;
        }
        int attempt = queue.retriesOf(t.sender()) + 1;
        queue.retryAt(t.sender(), nowMs + backoff.delayMs(attempt));
        lastRetryReason.put(t.ticketHash(), reason);
        metrics.retry();
        log.info("{}: ticket {} of {} retried later (attempt {}): {}", wallet, t.ticketHash(), t.sender().hex(), attempt, reason);
    }

    private void send(List<QueuedTicket> batch) {
        List<SignedTicket> signed = batch.stream().map(QueuedTicket::ticket).toList();
        String calldata = signed.size() == 1
                ? TicketBrokerClient.redeemCalldata(signed.getFirst()) : TicketBrokerClient.batchRedeemCalldata(signed);
        BigInteger singles = batch.stream().map(t -> preflightGas.getOrDefault(t.ticketHash(), BigInteger.ZERO))
                .reduce(BigInteger.ZERO, BigInteger::add);
        batch.forEach(t -> preflightGas.remove(t.ticketHash()));
        BigInteger estimate;
        try {
            estimate = chain.estimateGas(wallet.address(), calldata);
        } catch (ChainCallException e) {
            // the state moved since the pre-flight: each ticket is checked again on the next turn
            batch.forEach(t -> retry(t, e.revertReason().orElse("batch estimate reverted"), System.currentTimeMillis()));
            return;
        }
        // A batch skips a ticket whose redemption fails, running out of gas included, so a node that estimates by
        // searching for the least gas at which the call does not revert (anvil) can answer with enough gas for only
        // some of the tickets: never less than the sum of their own estimates.
        BigInteger gasLimit = estimate.max(singles).multiply(GAS_LIMIT_MARGIN_PCT).divide(HUNDRED);
        Fees fees = chain.currentFees();
        BigInteger balance = chain.balance(wallet.address());
        if (balance.compareTo(gasLimit.multiply(fees.maxFeePerGas())) < 0) {
            batch.forEach(t -> retry(t, "wallet short of gas: balance " + balance + " wei", System.currentTimeMillis()));
            return;
        }
        long nonce = nextNonce;
        SignedTx tx = wallet.sign(nonce, chain.broker(), calldata, gasLimit, fees);
        RedemptionIntent intent = RedemptionIntent.newBuilder()
                .setIntentId(wallet.address().hex() + "|" + nonce)
                .setState(RedemptionIntentState.Open)
                .setRedeemerId(settings.redeemerId())
                .setWallet(wallet.address().hex())
                .setNonce(nonce)
                .setTickets(batch.stream().map(RedemptionWorker::intentTicket).toList())
                .setRawTx(tx.rawTx())
                .setTxHash(tx.txHash())
                .setPreviousTxHashes(List.of())
                .setAt(Instant.now())
                .build();
        journal.recordIntent(intent);
        nextNonce = nonce + 1;
        inFlight.put(nonce, new InFlight(intent, calldata, System.currentTimeMillis()));
        batch.forEach(t -> {
            queue.markInFlight(t.sender());
            queue.resetRetries(t.sender());
        });
        crash.reached(CrashPoint.AFTER_INTENT);
        BroadcastResult r = chain.broadcast(tx.rawTx());
        metrics.broadcast();
        crash.reached(CrashPoint.AFTER_BROADCAST);
        log.info("{}: sent {} at nonce {} carrying {} ticket(s) (gas limit {}): {}", wallet, tx.txHash(), nonce,
                batch.size(), gasLimit, r);
        if (!(r instanceof BroadcastResult.Accepted)) {
            needsReconcile = true;
        }
    }

    // ------------------------------------------------------------------ recording

    /** Commits outcomes (and a closing intent) with the offsets they release; then forgets those tickets. */
    private void record(List<Redemption> outcomes, Optional<RedemptionIntent> closing) {
        if (outcomes.isEmpty() && closing.isEmpty()) {
            return;
        }
        List<SourcePosition> released = new ArrayList<>();
        for (Redemption o : outcomes) {
            queue.get(o.getTicketHash()).ifPresent(t -> released.add(t.position()));
        }
        released.forEach(p -> offsets.done(p.partition(), p.offset()));
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        var assigned = consumer.assignment();
        offsets.committable().forEach((partition, offset) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (assigned.contains(tp)) {
                commit.put(tp, new OffsetAndMetadata(offset));
            }
        });
        journal.recordOutcomes(outcomes, closing, commit, consumer.groupMetadata());
        for (Redemption o : outcomes) {
            view.noteOutcome(o.getTicketHash());
            queue.get(o.getTicketHash()).ifPresent(t -> queue.resetRetries(t.sender()));
            queue.remove(o.getTicketHash());
            lastRetryReason.remove(o.getTicketHash());
            metrics.outcome(o.getStatus().name());
            log.info("{}: ticket {} {}{}", wallet, o.getTicketHash(), o.getStatus(),
                    o.getReason() == null ? "" : " (" + o.getReason() + ")");
        }
        closing.ifPresent(view::noteIntent);
    }

    private void checkBalance() {
        long now = System.currentTimeMillis();
        if (now - balanceCheckedAtMs >= BALANCE_EVERY_MS) {
            metrics.balance(chain.balance(wallet.address()));
            balanceCheckedAtMs = now;
        }
    }

    static IntentTicket intentTicket(QueuedTicket t) {
        return IntentTicket.newBuilder()
                .setTicketHash(t.ticketHash())
                .setSender(t.sender().hex())
                .setRecipient(t.recipient().hex())
                .setFaceValue(new BigDecimal(t.faceValue()))
                .build();
    }

    public int queued() {
        return queue.size();
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    Duration pollInterval() {
        return settings.pollInterval();
    }
}
