package io.livepeerpool.redeemer.it;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.redeemer.outcome.ReceiptReading;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** What the chain itself says: how many times each ticket was redeemed (WinningTicketRedeemed logs of the broker). */
final class ChainRecord {
    private ChainRecord() {
    }

    static Map<String, Integer> redemptionsPerTicket(DevNetwork net) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(net.contracts().deployBlock()),
                DefaultBlockParameterName.LATEST, net.contracts().ticketBroker().hex());
        filter.addSingleTopic(Abi.topic(TicketBrokerClient.WINNING_TICKET_REDEEMED));
        Map<String, Integer> out = new HashMap<>();
        for (EthLog.LogResult<?> r : net.chain().web3j().ethGetLogs(filter).send().getLogs()) {
            ReceiptReading.ticketHash((Log) r.get()).ifPresent(h -> out.merge(h, 1, Integer::sum));
        }
        return out;
    }

    /** Ticket hash -> every nonce an intent ever carried it at. */
    static Map<String, Set<Long>> noncesPerTicket(List<RedemptionIntent> intents) {
        Map<String, Set<Long>> out = new HashMap<>();
        intents.forEach(i -> i.getTickets().forEach(t -> out.computeIfAbsent(t.getTicketHash(), h -> new HashSet<>())
                .add(i.getNonce())));
        return out;
    }
}
