package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.schemas.avro.GasPayer;
import io.livepeerpool.schemas.avro.PayoutStatus;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;

/** Domain events as the records the gateway and the chain watcher write. */
final class AvroEvents {
    static final String CONTRACT = "0x00000000000000000000000000000000000000cc";

    private AvroEvents() {
    }

    static io.livepeerpool.schemas.avro.TranscoderJob job(TranscoderJob job) {
        return new io.livepeerpool.schemas.avro.TranscoderJob("req-" + job.jobId(), job.orchestrator(), "key-1",
                Instant.ofEpochMilli(1_700_000_000_000L), job.jobId(), job.transcoder(), job.pixels(),
                job.durationMs(), Math.toIntExact(job.profiles()), job.roundJob(), BigDecimal.ZERO, null, null, null);
    }

    static ChainEvent transfer(TicketTransfer t) {
        return new ChainEvent(1L, hash(1), t.txHash(), Math.toIntExact(t.logIndex()), CONTRACT,
                new WinningTicketTransferEvent(t.sender(), t.recipient(), new BigDecimal(t.amount()),
                        new BigDecimal(t.gasCost()), t.txTickets(), t.txTicketIndex()));
    }

    static ChainEvent transcoderUpdate(TranscoderUpdate u, long n) {
        return new ChainEvent(1L, hash(1), hash(2_000_000 + n), 0, CONTRACT,
                new TranscoderUpdateEvent(u.transcoder(), u.rewardCut(), (long) u.feeShare()));
    }

    static ChainEvent newRound(NewRound r) {
        return new ChainEvent(r.round() * 10, hash(r.round()), hash(r.round() + 1_000_000), 0, CONTRACT,
                new NewRoundEvent(r.round(), hash(r.round()), null));
    }

    static io.livepeerpool.schemas.avro.Payout payout(PayoutOutcome o) {
        return new io.livepeerpool.schemas.avro.Payout(o.payoutId(), "0x" + "ab".repeat(32), o.transcoder(),
                o.transcoder(), 7L, PayoutStatus.valueOf(o.status().name()), new BigDecimal(o.amount()),
                new BigDecimal(o.amountSent()), new BigDecimal(o.gasShare()),
                o.memberPaysGas() ? GasPayer.member : GasPayer.pool, hash(77), 77L, hash(78),
                o.status() == PayoutOutcome.Status.Reverted ? null : 0, new BigDecimal(o.gasShare()), 1,
                o.status() == PayoutOutcome.Status.Paid ? null : "test", "worker-1",
                Instant.ofEpochMilli(1_700_000_000_000L));
    }

    static io.livepeerpool.schemas.avro.PayoutSettings settings(PayoutSettingsChange c) {
        return new io.livepeerpool.schemas.avro.PayoutSettings(c.transcoder(), c.payoutAddress(),
                new BigDecimal(c.thresholdWei()), c.nonce(), 1_900_000_000L, 31337L, "0x" + "00".repeat(65),
                "req-1", Instant.ofEpochMilli(1_700_000_000_000L));
    }

    static String hash(long n) {
        return "0x" + HexFormat.of().toHexDigits(n).repeat(4);
    }

    /** The chain-events key the watcher uses: the address the event concerns, or the round. */
    static String chainKey(Object event) {
        return switch (event) {
            case TicketTransfer t -> t.sender();
            case NewRound r -> Long.toString(r.round());
            case TranscoderUpdate u -> u.transcoder();
            default -> throw new IllegalArgumentException(String.valueOf(event));
        };
    }
}
