package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.ledger.maxfloat.TicketFlight;
import java.math.BigInteger;

/** A {@link TicketFlight} as the text the tickets store keeps: {@code I|faceValue|intentId}, {@code R|intentId}, {@code F}. */
final class TicketFlightCodec {
    private TicketFlightCodec() {
    }

    static String encode(TicketFlight flight) {
        return switch (flight) {
            case TicketFlight.InFlight f -> "I|" + f.faceValue() + "|" + f.intentId();
            case TicketFlight.Released r -> "R|" + r.intentId();
            case TicketFlight.Final f -> "F";
        };
    }

    static TicketFlight decode(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("F")) {
            return new TicketFlight.Final();
        }
        if (text.startsWith("R|")) {
            return new TicketFlight.Released(text.substring(2));
        }
        if (text.startsWith("I|")) {
            int bar = text.indexOf('|', 2);
            return new TicketFlight.InFlight(text.substring(bar + 1), new BigInteger(text.substring(2, bar)));
        }
        throw new IllegalStateException("unreadable ticket flight in the store: " + text);
    }
}
