package io.livepeerpool.ledger.maxfloat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TicketFlightTest {
    private static final BigInteger FACE = BigInteger.valueOf(1_000);

    /** One record about one ticket: Open or Closed by intent 0..2, or its outcome. */
    record Input(char kind, int intent) {
    }

    @Test
    void openTwiceCountsOnceAndTheOutcomeRemovesIt() {
        TicketFlight.Step a = TicketFlight.opened(null, "w|1", FACE);
        TicketFlight.Step b = TicketFlight.opened(a.next(), "w|1", FACE);
        TicketFlight.Step c = TicketFlight.ended(b.next());
        assertEquals(FACE, a.pendingDelta());
        assertEquals(BigInteger.ZERO, b.pendingDelta());
        assertEquals(FACE.negate(), c.pendingDelta());
    }

    @Test
    void anOutcomeBeforeItsIntentLeavesNothingPending() {
        TicketFlight.Step end = TicketFlight.ended(null);
        assertEquals(BigInteger.ZERO, end.pendingDelta());
        assertEquals(BigInteger.ZERO, TicketFlight.opened(end.next(), "w|1", FACE).pendingDelta());
    }

    @Test
    void aClosedIntentReleasesAndARetryAtAnotherNonceCountsAgain() {
        TicketFlight.Step open = TicketFlight.opened(null, "w|1", FACE);
        TicketFlight.Step closed = TicketFlight.closed(open.next(), "w|1");
        assertEquals(FACE.negate(), closed.pendingDelta());
        assertEquals(BigInteger.ZERO, TicketFlight.opened(closed.next(), "w|1", FACE).pendingDelta(),
                "a late copy of the closed intent");
        assertEquals(FACE, TicketFlight.opened(closed.next(), "w|2", FACE).pendingDelta());
    }

    /** Whatever the order: pending is 0 or the face value, it equals "in flight", and nothing counts after the outcome. */
    @Property(tries = 500)
    void pendingIsAlwaysZeroOrOneFaceValue(@ForAll("inputs") List<Input> inputs) {
        TicketFlight state = null;
        BigInteger pending = BigInteger.ZERO;
        boolean ended = false;
        for (Input in : inputs) {
            TicketFlight.Step step = switch (in.kind()) {
                case 'O' -> TicketFlight.opened(state, "w|" + in.intent(), FACE);
                case 'C' -> TicketFlight.closed(state, "w|" + in.intent());
                default -> TicketFlight.ended(state);
            };
            state = step.next();
            pending = pending.add(step.pendingDelta());
            ended |= in.kind() == 'E';
            assertTrue(pending.equals(BigInteger.ZERO) || pending.equals(FACE), "pending " + pending);
            assertEquals(state instanceof TicketFlight.InFlight ? FACE : BigInteger.ZERO, pending);
            if (ended) {
                assertEquals(BigInteger.ZERO, pending, "counted after its outcome");
            }
        }
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<Input> one = Arbitraries.of('O', 'C', 'E').flatMap(kind ->
                Arbitraries.integers().between(0, 2).map(intent -> new Input(kind, intent)));
        return one.list().ofMaxSize(12);
    }
}
