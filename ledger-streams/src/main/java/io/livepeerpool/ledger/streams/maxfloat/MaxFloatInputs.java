package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.DepositFundedEvent;
import io.livepeerpool.schemas.avro.IntentTicket;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.ReserveClaimedEvent;
import io.livepeerpool.schemas.avro.ReserveFundedEvent;
import io.livepeerpool.schemas.avro.UnlockCancelledEvent;
import io.livepeerpool.schemas.avro.UnlockEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import io.livepeerpool.schemas.avro.WithdrawalEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;

/** Re-keys the inputs by sender before they are partitioned: what each input means to which sender. */
final class MaxFloatInputs {
    /** Key of the NewRound records (every partition gets them; the key only has to be stable). */
    static final String ROUND_KEY = "round";

    private MaxFloatInputs() {
    }

    /** The sender a chain event moves, "round" for NewRound, empty for events max float does not use. */
    static Optional<String> keyOf(ChainEvent event) {
        return Optional.ofNullable(switch (event.getEvent()) {
            case NewRoundEvent e -> ROUND_KEY;
            case DepositFundedEvent e -> e.getSender();
            case ReserveFundedEvent e -> e.getReserveHolder();
            case ReserveClaimedEvent e -> e.getReserveHolder();
            case WinningTicketTransferEvent e -> e.getSender();
            case UnlockEvent e -> e.getSender();
            case UnlockCancelledEvent e -> e.getSender();
            case WithdrawalEvent e -> e.getSender();
            default -> null;
        });
    }

    static List<KeyValue<String, SpecificRecord>> chainEvent(ChainEvent event) {
        return keyOf(event).<List<KeyValue<String, SpecificRecord>>>map(k -> List.of(KeyValue.pair(k, event)))
                .orElse(List.of());
    }

    /** One copy of the intent per sender, holding only that sender's tickets (in their order). */
    static List<KeyValue<String, SpecificRecord>> intent(RedemptionIntent intent) {
        Map<String, List<IntentTicket>> bySender = new LinkedHashMap<>();
        for (IntentTicket t : intent.getTickets()) {
            bySender.computeIfAbsent(t.getSender(), s -> new ArrayList<>()).add(t);
        }
        List<KeyValue<String, SpecificRecord>> out = new ArrayList<>();
        bySender.forEach((sender, tickets) ->
                out.add(KeyValue.pair(sender, RedemptionIntent.newBuilder(intent).setTickets(tickets).build())));
        return out;
    }

    static KeyValue<String, SpecificRecord> redemption(Redemption outcome) {
        return KeyValue.pair(outcome.getSender(), outcome);
    }
}
