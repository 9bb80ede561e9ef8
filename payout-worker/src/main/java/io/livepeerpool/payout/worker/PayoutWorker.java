package io.livepeerpool.payout.worker;

import io.livepeerpool.chain.payouts.PayoutLine;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.ChainCallException;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.chain.wallet.BroadcastResult;
import io.livepeerpool.chain.wallet.Fees;
import io.livepeerpool.chain.wallet.RpcFailure;
import io.livepeerpool.chain.wallet.SignedTx;
import io.livepeerpool.chain.wallet.Wallet;
import io.livepeerpool.payout.PayoutSettings;
import io.livepeerpool.payout.batch.GasApportioning;
import io.livepeerpool.payout.batch.PayoutQueue;
import io.livepeerpool.payout.batch.QueuedPayout;
import io.livepeerpool.payout.chain.MinedPayout;
import io.livepeerpool.payout.chain.PayoutChain;
import io.livepeerpool.payout.journal.PayoutJournal;
import io.livepeerpool.payout.journal.PayoutJournalView;
import io.livepeerpool.payout.outcome.LineResult;
import io.livepeerpool.payout.outcome.ReceiptReading;
import io.livepeerpool.platform.offsets.PendingOffsets;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutIntentLine;
import io.livepeerpool.schemas.avro.PayoutIntentState;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutStatus;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The payout loop of one wallet, on one thread: read a bounded batch of payout requests, reconcile with the chain
 * after any RPC error (and at start), follow this wallet's transaction to its confirmed outcomes, then take the
 * oldest requests, check them against the contract, record the intent and broadcast. One transaction in flight at a
 * time: a payout round is one or a few batches, and a single nonce in flight keeps the wallet's state simple to
 * reconcile. Every broadcast is preceded by its durable intent, and every outcome is committed with the consumer
 * offsets, so a crash at any point is recovered from Kafka and the chain; PoolPayouts itself refuses a second payment
 * of an id, whatever this process believes.
 */
public final class PayoutWorker implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(PayoutWorker.class);
    private static final BigInteger GAS_LIMIT_MARGIN_PCT = BigInteger.valueOf(130);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final long BALANCE_EVERY_MS = 10_000;

    private final PayoutSettings settings;
    private final Wallet wallet;
    private final PayoutChain chain;
    private final PayoutJournal journal;
    private final PayoutJournalView view;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final AvroDeserializer<PayoutRequest> requests;
    private final PayoutMetrics metrics;
    private final CrashPoint crash;
    private final PayoutQueue queue = new PayoutQueue();
    private final PendingOffsets offsets = new PendingOffsets();
    /** Requests carried by an open intent (this wallet's or another's), by payout id: where they were read. */
    private final Map<String, QueuedPayout> carried = new HashMap<>();
    /** Ids the contract settled without a record in the journal: never paid again, never given an outcome by guess. */
    private final Set<String> unexplained = new HashSet<>();
    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private long nextNonce = -1;
    private boolean needsReconcile = true;
    private boolean payerChecked;
    private volatile boolean fundsShort;
    /** While short: what the wallet must hold before the batch is priced again (no pre-flight calls meanwhile). */
    private BigInteger shortOfWei = BigInteger.ZERO;
    private long balanceCheckedAtMs;

    public PayoutWorker(PayoutSettings settings, Wallet wallet, PayoutChain chain, PayoutJournal journal,
                        PayoutJournalView view, KafkaConsumer<String, byte[]> consumer, String topic,
                        AvroDeserializer<PayoutRequest> requests, PayoutMetrics metrics, CrashPoint crash) {
        this.settings = settings;
        this.wallet = wallet;
        this.chain = chain;
        this.journal = journal;
        this.view = view;
        this.consumer = consumer;
        this.topic = topic;
        this.requests = requests;
        this.metrics = metrics;
        this.crash = crash;
    }

    /** Reads this wallet's open intents back; call once before the loop. Kafka must be reachable. */
    public void recover() {
        view.catchUp(settings.kafkaTimeout());
        for (PayoutIntent intent : view.openIntents(wallet.address().hex())) {
            inFlight.put(intent.getNonce(), new InFlight(intent, 0));
            log.info("{}: open intent {} ({} payouts, tx {}) to reconcile", wallet, intent.getIntentId(),
                    intent.getPayouts().size(), intent.getTxHash());
        }
        needsReconcile = true;
    }

    /** One turn of the loop. RPC failures are absorbed (counted, reconciled next turn); Kafka failures are thrown. */
    public void runOnce() {
        readRequests();
        view.poll();
        try {
            if (needsReconcile) {
                reconcile();
                needsReconcile = false;
            }
            followInFlight(chain.blockNumber());
            if (inFlight.isEmpty()) {
                dispatch();
            }
            checkBalance();
        } catch (RpcFailure e) {
            metrics.rpcError();
            needsReconcile = true;
            log.warn("{}: RPC failure, reconciling before sending anything: {}", wallet, e.getMessage());
        }
        metrics.loop(queue.size(), inFlight.size(), unexplained.size());
    }

    /** On a clean stop: sends nothing new; follows the transaction in flight to its outcomes for at most {@code timeout}. */
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

    /** True while the wallet holds less than the next batch needs (the service reports itself degraded). */
    public boolean fundsShort() {
        return fundsShort;
    }

    // ------------------------------------------------------------------ input

    private void readRequests() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(settings.pollInterval())) {
            offsets.read(r.partition(), r.offset());
            QueuedPayout p;
            try {
                p = PayoutRecords.queued(requests.deserialize(r.topic(), r.value()), r.partition(), r.offset());
            } catch (RuntimeException bad) {
                // the ledger wrote it; a request that still cannot be paid is logged and skipped, never guessed at
                log.error("{}: skipping unpayable payout request at {}-{}@{}: {}", wallet, r.topic(), r.partition(),
                        r.offset(), bad.getMessage());
                offsets.done(r.partition(), r.offset());
                continue;
            }
            if (view.hasOutcome(p.payoutId()) || queue.contains(p.payoutId()) || carried.containsKey(p.payoutId())) {
                offsets.done(r.partition(), r.offset()); // settled, or a second record of a request already held
                continue;
            }
            if (view.openIntentOf(p.payoutId()).isPresent()) {
                carried.put(p.payoutId(), p); // its outcome comes from the transaction that carries it
                continue;
            }
            queue.add(p);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // The transaction in flight stays ours: its outcomes are recorded when mined, and the new owner holds those
        // requests meanwhile (they are in an open intent). Queued requests go back to be read by the new owner.
        List<Integer> ids = partitions.stream().map(TopicPartition::partition).toList();
        int dropped = queue.dropPartitions(ids).size();
        ids.forEach(offsets::forget);
        carried.values().removeIf(p -> ids.contains(p.partition()));
        log.info("{}: partitions {} revoked, {} queued requests handed back", wallet, ids, dropped);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // outcomes and intents recorded before the previous owner let go must be known before its requests are read
        view.catchUp(settings.kafkaTimeout());
        log.info("{}: partitions {} assigned", wallet, partitions.stream().map(TopicPartition::partition).toList());
    }

    // ------------------------------------------------------------------ reconciliation

    private void reconcile() {
        if (!payerChecked) {
            Address payer = chain.payer();
            if (!payer.equals(wallet.address())) {
                throw new IllegalStateException("chain.poolPayouts " + chain.contract() + " pays only from " + payer
                        + ", not from this wallet " + wallet.address());
            }
            payerChecked = true;
        }
        long mined = chain.nonce(wallet.address(), false);
        for (InFlight f : inFlight.values()) {
            if (findMined(f).isPresent()) {
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
    }

    private Optional<MinedPayout> findMined(InFlight f) {
        for (String hash : f.txHashes()) {
            Optional<MinedPayout> m = chain.mined(hash, wallet.address(), f.calldata(), f.value());
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ in flight -> outcomes

    private void followInFlight(long head) {
        for (InFlight f : List.copyOf(inFlight.values())) {
            Optional<MinedPayout> mined = findMined(f);
            if (mined.isEmpty()) {
                maybeReplace(f);
                continue;
            }
            if (mined.get().tx().blockNumber().longValueExact() + settings.confirmations() > head) {
                continue;
            }
            crash.reached(CrashPoint.BEFORE_OUTCOME);
            resolve(f, mined.get());
        }
    }

    private void resolve(InFlight f, MinedPayout mined) {
        TxResult tx = mined.tx();
        List<PayoutIntentLine> lines = f.intent().getPayouts();
        List<LineResult> results = ReceiptReading.results(lines.stream().map(PayoutRecords::onChainId).toList(),
                tx.success(), chain.logs(tx));
        List<BigInteger> shares = GasApportioning.shares(settings.gasPaidBy(), tx.gasCost(), lines.size());
        List<Payout> outcomes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PayoutIntentLine line = lines.get(i);
            LineResult result = results.get(i);
            if (result instanceof LineResult.Reverted && chain.paidAt(PayoutRecords.onChainId(line), tx.blockNumber())) {
                result = new LineResult.Unexplained("transaction reverted but paid(id) is true at its block");
            }
            switch (result) {
                case LineResult.Paid p -> outcomes.add(outcome(line, PayoutStatus.Paid, p.amount(), p.logIndex(), null,
                        mined, lines.size(), shares.get(i)));
                case LineResult.Refused r -> outcomes.add(outcome(line, PayoutStatus.Refused, BigInteger.ZERO,
                        r.logIndex(), "payee rejected ETH", mined, lines.size(), shares.get(i)));
                case LineResult.Reverted r -> outcomes.add(outcome(line, PayoutStatus.Reverted, BigInteger.ZERO, null,
                        "reverted on chain: " + tx.revertReason().orElse("no reason given"), mined, lines.size(),
                        shares.get(i)));
                case LineResult.Unexplained u -> {
                    unexplained.add(line.getPayoutId());
                    log.error("{}: payout {} in tx {} has no outcome: {}; held for an operator (never paid again)",
                            wallet, line.getPayoutId(), tx.txHash(), u.why());
                }
            }
        }
        PayoutIntent closing = PayoutIntent.newBuilder(f.intent())
                .setState(PayoutIntentState.Closed).setAt(Instant.now()).build();
        record(outcomes, Optional.of(closing));
        inFlight.remove(f.nonce());
        log.info("{}: tx {} (nonce {}, block {}, {}, gas {} wei) closed: {} outcomes for {} payouts", wallet,
                tx.txHash(), f.nonce(), tx.blockNumber(), tx.success() ? "ok" : "reverted", tx.gasCost(),
                outcomes.size(), lines.size());
    }

    private Payout outcome(PayoutIntentLine line, PayoutStatus status, BigInteger sent, Integer logIndex, String reason,
                           MinedPayout mined, int txPayouts, BigInteger gasShare) {
        return PayoutRecords.outcome(line, status, sent, logIndex, reason, mined, txPayouts, gasShare,
                settings.gasPaidBy(), settings.workerId());
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
        SignedTx tx = wallet.sign(f.nonce(), chain.contract(), f.value(), f.calldata(), old.getGasLimit(), bumped);
        List<String> previous = new ArrayList<>(f.intent().getPreviousTxHashes());
        previous.add(f.intent().getTxHash());
        PayoutIntent replaced = PayoutIntent.newBuilder(f.intent())
                .setState(PayoutIntentState.Replaced).setRawTx(tx.rawTx()).setTxHash(tx.txHash())
                .setPreviousTxHashes(previous).setAt(Instant.now()).build();
        journal.recordIntent(replaced);
        view.noteIntent(replaced);
        f.replacedBy(replaced, now);
        metrics.replacement();
        BroadcastResult r = chain.broadcast(tx.rawTx());
        log.info("{}: replaced {} by {} at nonce {} (max fee {}): {}", wallet, previous.getLast(), tx.txHash(),
                f.nonce(), bumped.maxFeePerGas(), r);
    }

    // ------------------------------------------------------------------ queue -> transaction

    private void dispatch() {
        if (queue.size() == 0) {
            return;
        }
        if (fundsShort) {
            BigInteger balance = chain.balance(wallet.address());
            metrics.balance(balance);
            if (balance.compareTo(shortOfWei) < 0) {
                metrics.shortfall(shortOfWei.subtract(balance));
                return;
            }
        }
        List<QueuedPayout> batch = new ArrayList<>();
        for (QueuedPayout p : queue.nextBatch(settings.batchMaxPayees(), p -> !unexplained.contains(p.payoutId()))) {
            if (preflight(p)) {
                batch.add(p);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<PayoutLine> lines = batch.stream().map(PayoutRecords::chainLine).toList();
        BigInteger value = PoolPayoutsClient.value(lines);
        Fees fees = chain.currentFees();
        BigInteger balance = chain.balance(wallet.address());
        metrics.balance(balance);
        if (balance.compareTo(value) < 0) {
            short_(balance, value, batch.size());
            return;
        }
        BigInteger estimate;
        try {
            estimate = chain.estimatePay(wallet.address(), lines);
        } catch (ChainCallException e) {
            // PoolPayouts reverts a whole call only for the payer, the value or the gas: none should happen here
            log.error("{}: pay of {} payouts would revert ({}); trying again next turn", wallet, batch.size(),
                    e.revertReason().orElse(e.getMessage()));
            return;
        }
        BigInteger gasLimit = estimate.multiply(GAS_LIMIT_MARGIN_PCT).divide(HUNDRED);
        BigInteger need = value.add(gasLimit.multiply(fees.maxFeePerGas()));
        if (balance.compareTo(need) < 0) {
            short_(balance, need, batch.size());
            return;
        }
        if (fundsShort) {
            fundsShort = false;
            metrics.shortfall(BigInteger.ZERO);
            log.info("{}: funded ({} wei): paying again", wallet, balance);
        }
        send(batch, lines, value, gasLimit, fees);
    }

    /** False when the contract already settled the id: known to the journal (dropped) or not (held, never paid). */
    private boolean preflight(QueuedPayout p) {
        if (!chain.settled(p.onChainId())) {
            return true;
        }
        view.catchUp(settings.kafkaTimeout());
        if (view.hasOutcome(p.payoutId())) {
            queue.remove(p.payoutId());
            offsets.done(p.partition(), p.offset());
        } else if (view.openIntentOf(p.payoutId()).isPresent()) {
            queue.remove(p.payoutId());
            carried.put(p.payoutId(), p);
        } else {
            unexplained.add(p.payoutId());
            log.error("{}: payout {} ({}) is settled on chain but no intent of the journal carries it; held for an"
                    + " operator (never paid again)", wallet, p.payoutId(), p.onChainId());
        }
        return false;
    }

    private void short_(BigInteger balance, BigInteger need, int payouts) {
        metrics.shortfall(need.subtract(balance));
        shortOfWei = need;
        if (!fundsShort) {
            fundsShort = true;
            log.warn("{}: short of funds: holds {} wei, the next {} payout(s) need at least {} wei; waiting to be funded",
                    wallet, balance, payouts, need);
        }
    }

    private void send(List<QueuedPayout> batch, List<PayoutLine> lines, BigInteger value, BigInteger gasLimit, Fees fees) {
        String calldata = PoolPayoutsClient.payCalldata(lines);
        long nonce = nextNonce;
        SignedTx tx = wallet.sign(nonce, chain.contract(), value, calldata, gasLimit, fees);
        PayoutIntent intent = PayoutIntent.newBuilder()
                .setIntentId(wallet.address().hex() + "|" + nonce)
                .setState(PayoutIntentState.Open)
                .setWorkerId(settings.workerId())
                .setWallet(wallet.address().hex())
                .setContract(chain.contract().hex())
                .setNonce(nonce)
                .setPayouts(batch.stream().map(PayoutRecords::intentLine).toList())
                .setValue(new BigDecimal(value))
                .setRawTx(tx.rawTx())
                .setTxHash(tx.txHash())
                .setPreviousTxHashes(List.of())
                .setAt(Instant.now())
                .build();
        journal.recordIntent(intent);
        view.noteIntent(intent);
        nextNonce = nonce + 1;
        inFlight.put(nonce, new InFlight(intent, System.currentTimeMillis()));
        batch.forEach(p -> {
            queue.remove(p.payoutId());
            carried.put(p.payoutId(), p);
        });
        crash.reached(CrashPoint.AFTER_INTENT);
        BroadcastResult r = chain.broadcast(tx.rawTx());
        metrics.broadcast();
        crash.reached(CrashPoint.AFTER_BROADCAST);
        log.info("{}: sent {} at nonce {} paying {} payout(s), {} wei (gas limit {}): {}", wallet, tx.txHash(), nonce,
                batch.size(), value, gasLimit, r);
        if (!(r instanceof BroadcastResult.Accepted)) {
            needsReconcile = true;
        }
    }

    // ------------------------------------------------------------------ recording

    /** Commits outcomes (and a closing intent) with the offsets they release. */
    private void record(List<Payout> outcomes, Optional<PayoutIntent> closing) {
        for (Payout o : outcomes) {
            QueuedPayout p = carried.remove(o.getPayoutId());
            if (p != null) {
                offsets.done(p.partition(), p.offset());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        var assigned = consumer.assignment();
        offsets.committable().forEach((partition, offset) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (assigned.contains(tp)) {
                commit.put(tp, new OffsetAndMetadata(offset));
            }
        });
        journal.recordOutcomes(outcomes, closing, commit, consumer.groupMetadata());
        for (Payout o : outcomes) {
            view.noteOutcome(o.getPayoutId());
            metrics.outcome(o.getStatus().name());
            log.info("{}: payout {} to {} {} ({} wei, gas share {}){}", wallet, o.getPayoutId(), o.getPayee(),
                    o.getStatus(), o.getAmount().toBigIntegerExact(), o.getGasShare().toBigIntegerExact(),
                    o.getReason() == null ? "" : ": " + o.getReason());
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

    public int queued() {
        return queue.size();
    }

    public int inFlightCount() {
        return inFlight.size();
    }
}
