package io.livepeerpool.chainwatcher.poll;

import io.livepeerpool.chainwatcher.chain.ChainRpc;
import io.livepeerpool.chainwatcher.chain.ContractAddresses;
import io.livepeerpool.chainwatcher.chain.RpcException;
import io.livepeerpool.chainwatcher.decode.Decoded;
import io.livepeerpool.chainwatcher.decode.KnownEvent;
import io.livepeerpool.chainwatcher.decode.LogDecoder;
import io.livepeerpool.chainwatcher.decode.TicketPositions;
import io.livepeerpool.chainwatcher.metrics.WatcherMetrics;
import io.livepeerpool.chainwatcher.publish.BatchPublisher;
import io.livepeerpool.chainwatcher.publish.KeyedEvent;
import io.livepeerpool.schemas.avro.ChainCursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One poll: check the cursor's block is still on the chain, pick the next confirmed range, read and decode its logs,
 * and commit the events with the new cursor in one Kafka transaction. Any failure leaves Kafka as it was (the
 * transaction is aborted) and the caller retries the same range from the committed cursor.
 */
public final class Poller {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    private static final Comparator<Log> CHAIN_ORDER =
            Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex);

    private final String watcherId;
    private final ChainRpc rpc;
    private final ContractAddresses contracts;
    private final LogDecoder decoder;
    private final WatcherMetrics metrics;
    private final int confirmations;
    private final StartBlock start;
    private final RangeLimit rangeLimit;

    public Poller(String watcherId, ChainRpc rpc, ContractAddresses contracts, LogDecoder decoder,
                  WatcherMetrics metrics, int confirmations, StartBlock start, int blockRangeMax) {
        this.watcherId = watcherId;
        this.rpc = rpc;
        this.contracts = contracts;
        this.decoder = decoder;
        this.metrics = metrics;
        this.confirmations = confirmations;
        this.start = start;
        this.rangeLimit = new RangeLimit(blockRangeMax);
    }

    public PollResult poll(Optional<ChainCursor> cursor, BatchPublisher publisher) {
        long started = System.nanoTime();
        long head = rpc.blockNumber();
        cursor.ifPresent(c -> requireCursorOnChain(c, head));
        OptionalLong cursorBlock = cursor.map(c -> OptionalLong.of(c.getLastEmittedBlock())).orElse(OptionalLong.empty());
        BlockRange range = BlockRange.plan(head, confirmations, cursorBlock, start, rangeLimit.current());
        metrics.heads(head, range.confirmed());
        if (range.isEmpty()) {
            return new PollResult(cursor, range, 0);
        }
        List<Log> logs = fetch(range);
        String toHash = rpc.blockHash(range.to());
        requireConsistent(logs, range, toHash);
        List<KeyedEvent> batch = decode(logs);
        ChainCursor next = new ChainCursor(watcherId, range.to(), toHash);
        publisher.publish(batch, next, range.from());
        batch.forEach(e -> metrics.emitted(e.type()));
        metrics.batchCommitted(Duration.ofNanos(System.nanoTime() - started));
        if (!batch.isEmpty()) {
            log.info("blocks {}..{}: {} events committed (head {}, confirmed {})", range.from(), range.to(),
                    batch.size(), head, range.confirmed());
        }
        return new PollResult(Optional.of(next), range, batch.size());
    }

    /**
     * Confirmations make reorgs below the confirmed head practically impossible; if one happens anyway the cursor's
     * block has another hash now, and what was emitted after it may no longer be true. Stop rather than guess.
     */
    private void requireCursorOnChain(ChainCursor cursor, long head) {
        if (cursor.getLastEmittedBlock() > head) {
            throw rpc.invalidAnswer(ChainRpc.ETH_BLOCK_NUMBER, "the node's head " + head + " is below the cursor "
                    + cursor.getLastEmittedBlock() + " (a lagging node behind a load balancer, or another chain)");
        }
        String hash = rpc.blockHash(cursor.getLastEmittedBlock());
        if (!hash.equalsIgnoreCase(cursor.getLastEmittedBlockHash())) {
            throw new WatcherHaltException("block " + cursor.getLastEmittedBlock() + " now has hash " + hash
                    + " but the cursor recorded " + cursor.getLastEmittedBlockHash() + ": a reorg deeper than "
                    + confirmations + " confirmations (or chain.rpcUrl points at another chain)");
        }
    }

    private List<Log> fetch(BlockRange range) {
        try {
            List<Log> logs = new ArrayList<>(rpc.logs(range.from(), range.to(), contracts.all(), KnownEvent.allTopics()));
            rangeLimit.grow();
            for (Log l : logs) {
                if (l.getBlockNumber() == null || l.getLogIndex() == null || l.getBlockHash() == null) {
                    throw rpc.invalidAnswer(ChainRpc.ETH_GET_LOGS, "a log without block number, hash or index");
                }
            }
            logs.sort(CHAIN_ORDER);
            return logs;
        } catch (RpcException e) {
            if (e.isErrorResponse()) {
                rangeLimit.shrink(); // e.g. "query returned more than 10000 results"
                log.warn("eth_getLogs {}..{} refused; next attempt reads at most {} blocks", range.from(), range.to(),
                        rangeLimit.current());
            }
            throw e;
        }
    }

    /** The node's answer must be about the range asked, with each log once, and agree with the hash we record. */
    private void requireConsistent(List<Log> logs, BlockRange range, String toHash) {
        Log previous = null;
        for (Log l : logs) {
            long block = l.getBlockNumber().longValueExact();
            if (block < range.from() || block > range.to()) {
                throw rpc.invalidAnswer(ChainRpc.ETH_GET_LOGS, "log of block " + block + " outside " + range.from()
                        + ".." + range.to());
            }
            if (previous != null && CHAIN_ORDER.compare(previous, l) == 0) {
                throw rpc.invalidAnswer(ChainRpc.ETH_GET_LOGS, "log " + block + "/" + l.getLogIndex() + " returned twice");
            }
            if (block == range.to() && !l.getBlockHash().toLowerCase(Locale.ROOT).equals(toHash)) {
                throw rpc.invalidAnswer(ChainRpc.ETH_GET_LOGS, "block " + block + " changed hash while being read ("
                        + l.getBlockHash() + " vs " + toHash + ")");
            }
            if (l.isRemoved()) {
                throw rpc.invalidAnswer(ChainRpc.ETH_GET_LOGS, "a removed log in a confirmed range");
            }
            previous = l;
        }
    }

    private List<KeyedEvent> decode(List<Log> logs) {
        RpcChainFacts facts = new RpcChainFacts(rpc, contracts.bondingManager());
        // a transaction's logs are all in its block, and a range holds whole blocks: the positions are complete
        TicketPositions positions = TicketPositions.of(logs, contracts.ticketBroker());
        List<KeyedEvent> batch = new ArrayList<>(logs.size());
        for (Log l : logs) {
            switch (decoder.decode(l, facts, positions)) {
                case Decoded.Emit emit -> batch.add(new KeyedEvent(emit.key(), emit.event(), emit.type()));
                case Decoded.Filtered filtered -> metrics.filtered(filtered.type());
                case Decoded.Ignored ignored -> log.debug("log {}/{} ignored: {}", l.getBlockNumber(), l.getLogIndex(),
                        ignored.reason());
            }
        }
        return batch;
    }
}
