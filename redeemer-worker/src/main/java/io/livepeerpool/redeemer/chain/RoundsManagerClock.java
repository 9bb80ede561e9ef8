package io.livepeerpool.redeemer.chain;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.redeemer.queue.ChainTime;
import io.livepeerpool.redeemer.queue.RedeemClock;
import io.livepeerpool.chain.wallet.RpcFailure;
import io.livepeerpool.chain.tx.ChainCallException;
import java.io.UncheckedIOException;
import org.web3j.protocol.exceptions.ClientConnectionException;
import java.math.BigInteger;

/**
 * The RoundsManager's own clock, read from its views: {@code blockNum()} (the chain's block on the dev chain, the L1
 * block on Arbitrum), {@code currentRound()}, {@code currentRoundStartBlock()} and {@code roundLength()}. Reading
 * the clock from the contract means the same code serves L1 and L2 deployments.
 */
public final class RoundsManagerClock implements RedeemClock {
    private final ChainReader reader;
    private final Address roundsManager;
    private long roundLength;

    public RoundsManagerClock(ChainReader reader, Address roundsManager) {
        this.reader = reader;
        this.roundsManager = roundsManager;
    }

    /** Read twice at most: the reads are idempotent and a lone dropped request is the common failure. */
    @Override
    public ChainTime now() {
        try {
            return read();
        } catch (RpcFailure first) {
            return read();
        }
    }

    private ChainTime read() {
        try {
            long block = uint("blockNum()").longValueExact();
            BigInteger round = uint("currentRound()");
            long start = uint("currentRoundStartBlock()").longValueExact();
            long length = roundLength == 0 ? uint("roundLength()").longValueExact() : roundLength;
            roundLength = length; // fixed at deployment on the dev chain; on Livepeer it changes only by governance
            return new ChainTime(block, round, start, length);
        } catch (UncheckedIOException | ClientConnectionException e) {
            throw new RpcFailure("reading the round clock failed", e);
        } catch (ChainCallException e) {
            throw new RpcFailure("reading the round clock failed: " + e.getMessage(), e);
        }
    }

    private BigInteger uint(String signature) {
        return Words.of(reader.call(roundsManager, Abi.call(signature))).uint(0);
    }
}
