package io.livepeerpool.redeemer.outcome;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.protocol.ticket.WinningCheck;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads what a mined redemption transaction did to each of its tickets from the broker's logs, in log order: each
 * redemption emits WinningTicketTransfer (only when it paid something) and then WinningTicketRedeemed, so a transfer
 * belongs to the WinningTicketRedeemed that follows it. WinningTicketRedeemed carries every ticket field (recipientRand
 * in place of its hash), so the ticket hash is computed from the log itself: the match is exact, in a batch too.
 */
public final class ReceiptReading {
    private static final String TRANSFER = Abi.topic(TicketBrokerClient.WINNING_TICKET_TRANSFER);
    private static final String REDEEMED = Abi.topic(TicketBrokerClient.WINNING_TICKET_REDEEMED);
    private static final int AUX_DATA_WORDS = 8; // 4 uints, offset, length, creationRound, creationRoundBlockHash

    private ReceiptReading() {
    }

    /** One result per ticket hash, in the order given. */
    public static List<TicketResult> results(TxResult tx, Address broker, List<String> ticketHashes) {
        List<TicketResult> out = new ArrayList<>();
        if (!tx.success()) {
            ticketHashes.forEach(t -> out.add(new TicketResult.Reverted()));
            return out;
        }
        Map<String, BigInteger> redeemed = redeemedAmounts(tx, broker);
        for (String hash : ticketHashes) {
            BigInteger amount = redeemed.get(hash);
            out.add(amount == null ? new TicketResult.Skipped() : new TicketResult.Redeemed(amount));
        }
        return out;
    }

    /** The hash of the ticket a WinningTicketRedeemed log is about (computed from its fields), if it has a 64-byte auxData. */
    public static Optional<String> ticketHash(Log log) {
        Words w = Words.of(log.getData());
        if (w.count() < AUX_DATA_WORDS || w.uint(5).intValueExact() != 64) {
            return Optional.empty();
        }
        Ticket ticket = new Ticket(Words.topicAddress(log.getTopics().get(2)), Words.topicAddress(log.getTopics().get(1)),
                w.uint(0), w.uint(1), w.uint(2), WinningCheck.recipientRandHash(w.uint(3)), w.uint(6), w.bytes32(7));
        return Optional.of(TicketHash.of(ticket).hex());
    }

    /** Ticket hash -> amount transferred, for every WinningTicketRedeemed of {@code broker} in the transaction. */
    static Map<String, BigInteger> redeemedAmounts(TxResult tx, Address broker) {
        Map<String, BigInteger> out = new HashMap<>();
        BigInteger pendingTransfer = BigInteger.ZERO;
        for (Log log : tx.logs()) {
            if (log.getAddress() == null || !log.getAddress().equalsIgnoreCase(broker.hex()) || log.getTopics().isEmpty()) {
                continue;
            }
            String topic0 = log.getTopics().get(0);
            if (topic0.equalsIgnoreCase(TRANSFER)) {
                pendingTransfer = pendingTransfer.add(Words.of(log.getData()).uint(0));
            } else if (topic0.equalsIgnoreCase(REDEEMED)) {
                BigInteger amount = pendingTransfer;
                ticketHash(log).ifPresent(hash -> out.merge(hash, amount, BigInteger::add));
                pendingTransfer = BigInteger.ZERO;
            }
        }
        return out;
    }
}
