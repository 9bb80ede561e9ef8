package io.livepeerpool.chainwatcher.decode;

import io.livepeerpool.protocol.address.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Where each WinningTicketTransfer log stands in its transaction: how many the transaction holds ({@code txTickets})
 * and this one's 0-based position among them by log index ({@code txTicketIndex}). The ledger charges each ticket of
 * a batch redemption its share of the transaction's gas from these two numbers. Built from every log of a block
 * range (a transaction's logs are all in one block), the transfers of every recipient counted, since the gas was
 * paid for all of them.
 */
public final class TicketPositions {
    public record Position(int txTickets, int txTicketIndex) {
    }

    private final Map<String, List<Long>> logIndexesByTx;

    private TicketPositions(Map<String, List<Long>> logIndexesByTx) {
        this.logIndexesByTx = logIndexesByTx;
    }

    public static TicketPositions of(List<Log> logs, Address ticketBroker) {
        Map<String, List<Long>> byTx = new HashMap<>();
        for (Log log : logs) {
            if (isTransfer(log, ticketBroker)) {
                byTx.computeIfAbsent(log.getTransactionHash().toLowerCase(Locale.ROOT), tx -> new ArrayList<>())
                        .add(log.getLogIndex().longValueExact());
            }
        }
        byTx.values().forEach(indexes -> indexes.sort(null));
        return new TicketPositions(byTx);
    }

    /** The position of the transfer at ({@code txHash}, {@code logIndex}); it must be one of the logs given. */
    public Position of(String txHash, long logIndex) {
        List<Long> indexes = logIndexesByTx.get(txHash.toLowerCase(Locale.ROOT));
        int position = indexes == null ? -1 : indexes.indexOf(logIndex);
        if (position < 0) {
            throw new IllegalStateException("WinningTicketTransfer " + txHash + "/" + logIndex
                    + " is not among the logs read");
        }
        return new Position(indexes.size(), position);
    }

    private static boolean isTransfer(Log log, Address ticketBroker) {
        return log.getAddress() != null && log.getTopics() != null && !log.getTopics().isEmpty()
                && log.getTransactionHash() != null && log.getLogIndex() != null
                && Address.parse(log.getAddress()).equals(ticketBroker)
                && KnownEvent.WINNING_TICKET_TRANSFER.topic0().equalsIgnoreCase(log.getTopics().get(0));
    }
}
