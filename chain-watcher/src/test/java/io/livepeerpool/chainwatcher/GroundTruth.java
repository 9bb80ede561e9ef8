package io.livepeerpool.chainwatcher;

import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chainwatcher.decode.KnownEvent;
import io.livepeerpool.schemas.avro.ChainEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** What the chain says, read straight from the node with web3j: the expected set of emitted logs. */
final class GroundTruth {
    private GroundTruth() {
    }

    /** The watched logs of {@code net}'s contracts in blocks {@code from..to}, as {@code txHash/logIndex} ids, chain order. */
    static List<String> logIds(DevNetwork net, long from, long to) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), List.of(net.contracts().ticketBroker().hex(),
                net.contracts().roundsManager().hex(), net.contracts().bondingManager().hex()));
        filter.addOptionalTopics(KnownEvent.allTopics().toArray(String[]::new));
        try {
            EthLog response = net.chain().web3j().ethGetLogs(filter).send();
            return response.getLogs().stream().map(r -> (Log) r.get())
                    .sorted(java.util.Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex))
                    .map(l -> id(l.getTransactionHash(), l.getLogIndex().intValueExact())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String id(String txHash, int logIndex) {
        return txHash.toLowerCase() + "/" + logIndex;
    }

    static String id(ChainEvent e) {
        return id(e.getTxHash(), e.getLogIndex());
    }
}
