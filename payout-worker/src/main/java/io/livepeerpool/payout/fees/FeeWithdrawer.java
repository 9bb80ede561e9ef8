package io.livepeerpool.payout.fees;

import io.livepeerpool.chain.tx.ChainCallException;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.FeeWithdrawal;
import io.livepeerpool.schemas.avro.FeeWithdrawalState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the orchestrator's fees to the payout wallet when the wallet holds less than the payouts due, exactly once per
 * shortfall. Each turn reconciles an open withdrawal first (receipt, then nonce; the same signed bytes rebroadcast)
 * and decides nothing new until it is closed; only then is the wallet compared with what is due. The intent (signed
 * raw transaction and hash) is committed before the broadcast, so a crash at any point leaves either nothing sent or
 * a recorded transaction that the next turn, in this process or a restarted one, follows to its end.
 */
public final class FeeWithdrawer {
    private static final Logger log = LoggerFactory.getLogger(FeeWithdrawer.class);
    private static final Duration KAFKA_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Margin over eth_estimateGas: the estimate is the least that succeeds on the state it was made on. */
    private static final int GAS_MARGIN_PCT = 25;

    private final FeeWithdrawalSettings settings;
    private final OrchestratorSigner signer;
    private final FeeChain chain;
    private final WithdrawalJournal journal;
    private final PayoutBook book;
    private final FeeMetrics metrics;
    private final WithdrawalCrashPoint crash;
    private long quietUntilNanos = System.nanoTime();

    public FeeWithdrawer(FeeWithdrawalSettings settings, OrchestratorSigner signer, FeeChain chain, WithdrawalJournal journal,
                         PayoutBook book, FeeMetrics metrics, WithdrawalCrashPoint crash) {
        this.settings = settings;
        this.signer = signer;
        this.chain = chain;
        this.journal = journal;
        this.book = book;
        this.metrics = metrics;
        this.crash = crash;
    }

    /** One turn: follow the open withdrawal, or, when none is open, withdraw what the payout wallet lacks. */
    public void runOnce() {
        Optional<FeeWithdrawal> open = journal.open();
        metrics.open(open.isPresent());
        if (open.isPresent()) {
            reconcile(open.get());
            return;
        }
        if (System.nanoTime() - quietUntilNanos < 0) {
            return;
        }
        BigInteger due = payoutsDue();
        BigInteger wallet = chain.balance(settings.recipient());
        BigInteger pendingFees = chain.pendingFees(signer.address());
        metrics.looked(due, wallet, pendingFees);
        Shortfall.withdrawal(due, settings.gasReserveWei(), wallet, pendingFees, settings.minWei())
                .ifPresent(amount -> withdraw(amount, due, wallet, pendingFees));
    }

    /** Wei of the payout requests without an outcome, less those PoolPayouts already settled (outcome not yet recorded). */
    private BigInteger payoutsDue() {
        PayoutsDue due = book.catchUp(KAFKA_READ_TIMEOUT);
        Map<String, BigInteger> open = due.open();
        Set<String> settledOnChain = new HashSet<>();
        int checks = 0;
        for (String payoutId : open.keySet()) {
            if (checks++ >= settings.settledChecksMax()) {
                break; // the rest count as due: at worst the wallet gets more than it needs, never less
            }
            if (chain.settledOnChain(payoutId)) {
                settledOnChain.add(payoutId);
            }
        }
        return due.total(settledOnChain);
    }

    private void withdraw(BigInteger amount, BigInteger due, BigInteger wallet, BigInteger pendingFees) {
        Address orchestrator = signer.address();
        String data = FeeChain.withdrawFeesCall(settings.recipient(), amount);
        BigInteger gas;
        try {
            gas = chain.estimateGas(orchestrator, data);
        } catch (ChainCallException e) {
            if (e.revertReason().isEmpty()) {
                throw e;
            }
            metrics.wouldRevert();
            quiet();
            log.warn("fee withdrawal of {} wei to {} would revert ({}); next try in {} s", amount, settings.recipient(),
                    e.revertReason().get(), settings.retryAfter().toSeconds());
            return;
        }
        gas = gas.multiply(BigInteger.valueOf(100 + GAS_MARGIN_PCT)).divide(BigInteger.valueOf(100));
        long nonce = chain.nonce(orchestrator, true);
        OrchestratorSigner.Signed tx = signer.sign(nonce, chain.bondingManager(), data, gas, chain.gasPrice());
        FeeWithdrawal intent = FeeWithdrawal.newBuilder()
                .setWithdrawalId(orchestrator.hex() + "|" + nonce)
                .setState(FeeWithdrawalState.Intent)
                .setOrchestrator(orchestrator.hex())
                .setRecipient(settings.recipient().hex())
                .setBondingManager(chain.bondingManager().hex())
                .setAmount(new BigDecimal(amount))
                .setPayoutsDue(new BigDecimal(due))
                .setWalletBalance(new BigDecimal(wallet))
                .setPendingFees(new BigDecimal(pendingFees))
                .setNonce(nonce)
                .setRawTx(tx.rawTx())
                .setTxHash(tx.txHash())
                .setWithdrawerId(settings.withdrawerId())
                .setAt(Instant.now())
                .build();
        journal.record(intent);
        metrics.open(true);
        crash.reached(WithdrawalCrashPoint.AFTER_INTENT);
        Optional<String> refused = chain.broadcast(tx.rawTx());
        log.info("fee withdrawal {}: {} wei to {} (due {}, wallet {}, fees {}) in tx {}{}", intent.getWithdrawalId(), amount,
                settings.recipient(), due, wallet, pendingFees, tx.txHash(), refused.map(r -> "; node said: " + r).orElse(""));
        crash.reached(WithdrawalCrashPoint.AFTER_BROADCAST);
        reconcile(intent);
    }

    /**
     * Follows an open withdrawal: mined -> closed once buried under the confirmations; not mined and its nonce used by
     * another transaction -> Dropped (nothing moved); otherwise the same bytes are broadcast again.
     */
    private void reconcile(FeeWithdrawal intent) {
        Address orchestrator = Address.parse(intent.getOrchestrator());
        String data = FeeChain.withdrawFeesCall(Address.parse(intent.getRecipient()), intent.getAmount().toBigIntegerExact());
        Optional<TxResult> mined = chain.receipt(intent.getTxHash(), orchestrator, data);
        if (mined.isEmpty()) {
            if (chain.nonce(orchestrator, false) <= intent.getNonce()) {
                chain.broadcast(intent.getRawTx())
                        .ifPresent(r -> log.warn("fee withdrawal {}: rebroadcast refused: {}", intent.getWithdrawalId(), r));
                return;
            }
            // the nonce is used: by ours (mined since the first look) or by another transaction of the orchestrator
            mined = chain.receipt(intent.getTxHash(), orchestrator, data);
            if (mined.isEmpty()) {
                close(intent, FeeWithdrawalState.Dropped, null, "nonce " + intent.getNonce() + " used by another transaction");
                return;
            }
        }
        TxResult tx = mined.get();
        if (chain.blockNumber() < tx.blockNumber().longValueExact() + settings.confirmations()) {
            return;
        }
        crash.reached(WithdrawalCrashPoint.BEFORE_OUTCOME);
        if (tx.success()) {
            close(intent, FeeWithdrawalState.Withdrawn, tx, null);
        } else {
            quiet();
            close(intent, FeeWithdrawalState.Reverted, tx, tx.revertReason().orElse("reverted"));
        }
    }

    private void close(FeeWithdrawal intent, FeeWithdrawalState state, TxResult tx, String reason) {
        FeeWithdrawal.Builder closing = FeeWithdrawal.newBuilder(intent)
                .setState(state)
                .setReason(reason)
                .setWithdrawerId(settings.withdrawerId())
                .setAt(Instant.now());
        if (tx != null) {
            closing.setBlockNumber(tx.blockNumber().longValueExact()).setGasCost(new BigDecimal(tx.gasCost()));
        }
        journal.record(closing.build());
        metrics.open(false);
        metrics.closed(state.name());
        log.info("fee withdrawal {}: {} ({} wei, tx {}{})", intent.getWithdrawalId(), state, intent.getAmount(),
                intent.getTxHash(), reason == null ? "" : ": " + reason);
    }

    private void quiet() {
        quietUntilNanos = System.nanoTime() + settings.retryAfter().toNanos();
    }
}
