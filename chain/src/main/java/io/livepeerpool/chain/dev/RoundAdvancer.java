package io.livepeerpool.chain.dev;

import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import java.math.BigInteger;

/**
 * Moves the dev chain to the next round: mines empty blocks (anvil_mine) up to the first block of the next round,
 * then calls initializeRound, which records the round's block hash and emits NewRound.
 */
public final class RoundAdvancer {
    private final AnvilRpc rpc;
    private final ChainReader reader;
    private final RoundsManagerClient rounds;
    private final Transactor initializer;

    public RoundAdvancer(AnvilRpc rpc, ChainReader reader, RoundsManagerClient rounds, Transactor initializer) {
        this.rpc = rpc;
        this.reader = reader;
        this.rounds = rounds;
        this.initializer = initializer;
    }

    /** Mines to the next round and initializes it; returns the new round. */
    public BigInteger advance() {
        BigInteger round = mineToNextRound();
        rounds.initializeRound(initializer).requireSuccess("initializeRound");
        return round;
    }

    /** {@link #advance()} {@code count} times; returns the last round. */
    public BigInteger advance(int count) {
        BigInteger round = rounds.currentRound();
        for (int i = 0; i < count; i++) {
            round = advance();
        }
        return round;
    }

    /**
     * Mines until the latest block is the first block of the next round, without initializing it (redemptions and
     * fee withdrawals then revert with "current round is not initialized"). Returns the new round.
     */
    public BigInteger mineToNextRound() {
        BigInteger length = rounds.roundLength();
        BigInteger latest = reader.blockNumber();
        BigInteger next = latest.divide(length).add(BigInteger.ONE);
        BigInteger blocks = next.multiply(length).subtract(latest);
        rpc.mine(blocks.longValueExact());
        return next;
    }

    /** Initializes the current round if nobody has; true if this call did. */
    public boolean ensureCurrentRoundInitialized() {
        if (rounds.currentRoundInitialized()) {
            return false;
        }
        rounds.initializeRound(initializer).requireSuccess("initializeRound");
        return true;
    }
}
