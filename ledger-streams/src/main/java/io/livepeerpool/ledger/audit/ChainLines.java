package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.replay.JsonLine;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import java.util.List;

/**
 * A chain event -> the replay lines the ledger reads from it: WinningTicketTransfer -> {@code ticketTransfer} (with
 * its transaction's ticket count and position, for the gas share), TranscoderUpdate -> {@code transcoderUpdate},
 * NewRound -> {@code newRound}; every other event -> none. The one place that maps chain events for the export: a
 * chain event the ledger starts to read gets its case here, in the same change that teaches the replay its line.
 */
public final class ChainLines implements LineWriter<ChainEvent> {
    @Override
    public List<String> lines(ChainEvent event) {
        return switch (event.getEvent()) {
            case WinningTicketTransferEvent transfer -> List.of(JsonLine.of(json -> {
                json.writeStringField("type", "ticketTransfer");
                json.writeStringField("txHash", event.getTxHash());
                json.writeNumberField("logIndex", event.getLogIndex());
                json.writeStringField("sender", transfer.getSender());
                json.writeStringField("recipient", transfer.getRecipient());
                json.writeStringField("amount", Amounts.fromAvro(transfer.getAmount(), "amount").toString());
                json.writeStringField("gasCost", Amounts.fromAvro(transfer.getGasCost(), "gasCost").toString());
                json.writeNumberField("txTickets", transfer.getTxTickets());
                json.writeNumberField("txTicketIndex", transfer.getTxTicketIndex());
            }));
            case TranscoderUpdateEvent update -> List.of(JsonLine.of(json -> {
                json.writeStringField("type", "transcoderUpdate");
                json.writeStringField("transcoder", update.getTranscoder());
                json.writeNumberField("rewardCut", update.getRewardCut());
                json.writeNumberField("feeShare", update.getFeeShare());
            }));
            case NewRoundEvent newRound -> List.of(newRound(newRound.getRound()));
            default -> List.of();
        };
    }

    static String newRound(long round) {
        return JsonLine.of(json -> {
            json.writeStringField("type", "newRound");
            json.writeNumberField("round", round);
        });
    }
}
