package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.contracts.SenderInfo;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.ledger.maxfloat.SenderFunds;
import io.livepeerpool.ledger.maxfloat.SenderViews;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SenderViews} over JSON-RPC: {@code getSenderInfo}, {@code claimedReserve(sender, recipient)},
 * {@code getTranscoderPoolSize} and {@code lastInitializedRound}, all at one block. A failing call is retried a
 * bounded number of times (the stream thread waits: the record cannot be applied without it), then thrown, which
 * stops the max float service (health DOWN) rather than guess a sender's funds.
 */
public final class ChainSenderViews implements SenderViews {
    private static final Logger log = LoggerFactory.getLogger(ChainSenderViews.class);
    static final int ATTEMPTS_MAX = 5;
    static final long BACKOFF_FIRST_MS = 200;

    private final ChainReader reader;
    private final TicketBrokerClient broker;
    private final BondingManagerClient bonding;
    private final RoundsManagerClient rounds;
    private final Address recipient;

    public ChainSenderViews(ChainReader reader, TicketBrokerClient broker, BondingManagerClient bonding,
                            RoundsManagerClient rounds, Address recipient) {
        this.reader = reader;
        this.broker = broker;
        this.bonding = bonding;
        this.rounds = rounds;
        this.recipient = recipient;
    }

    @Override
    public SenderFunds read(String sender, OptionalLong block) {
        long backoffMs = BACKOFF_FIRST_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(new Address(sender), block);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS_MAX) {
                    throw new IllegalStateException("cannot read sender " + sender + " from the chain after "
                            + attempt + " attempts: " + e.getMessage(), e);
                }
                log.warn("reading sender {} from the chain failed (attempt {} of {}): {}", sender, attempt,
                        ATTEMPTS_MAX, e.getMessage());
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    private SenderFunds readOnce(Address sender, OptionalLong block) {
        BigInteger at = block.isPresent() ? BigInteger.valueOf(block.getAsLong()) : reader.blockNumber();
        SenderInfo info = broker.senderInfo(sender, at);
        BigInteger claimed = broker.claimedReserve(sender, recipient, at);
        long poolSize = bonding.transcoderPoolSize(at).longValueExact();
        long round = rounds.lastInitializedRound(at).longValueExact();
        log.info("sender {} initialised from the chain at block {}: deposit {}, reserve {}", sender.hex(), at,
                info.deposit(), info.fundsRemaining());
        return new SenderFunds(info.deposit(), info.withdrawRound().longValueExact(), info.fundsRemaining(),
                info.claimedInCurrentRound(), claimed, poolSize, BigInteger.ZERO, round);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a sender from the chain", e);
        }
    }
}
