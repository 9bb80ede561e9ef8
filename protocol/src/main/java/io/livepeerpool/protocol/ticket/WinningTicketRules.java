package io.livepeerpool.protocol.ticket;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the TicketBroker will check of a winning ticket that needs no chain state, as one pure function every entry
 * point shares: the recipient is one of the pool's orchestrators, the signature recovers the sender (v 27/28, low s),
 * keccak256(leftpad32(recipientRand)) equals recipientRandHash, and the ticket wins. Whether the ticket is unused
 * and still valid for its creation round is chain state, left to the redeemer.
 * <p>
 * The same rules as the gateway's {@code /recordWinningTicket} (its TicketValidator still holds its own copy; it can
 * call this instead).
 */
public final class WinningTicketRules {

    /** The ticket part a violation is about. */
    public enum Part { RECIPIENT, SIG, RECIPIENT_RAND }

    /** One broken rule, and what is wrong, in the words the chain would use where it has them. */
    public record Violation(Part part, String message) {
    }

    private WinningTicketRules() {
    }

    /** Every broken rule, in the order recipient, signature, recipientRand, win; empty for a ticket the chain accepts. */
    public static List<Violation> check(Ticket ticket, byte[] sig, BigInteger recipientRand, Predicate<Address> isPoolRecipient) {
        List<Violation> violations = new ArrayList<>();
        if (!isPoolRecipient.test(ticket.recipient())) {
            violations.add(new Violation(Part.RECIPIENT, "is not one of this pool's orchestrators"));
        }
        Optional<Address> signer = TicketSignature.recover(TicketHash.of(ticket), sig);
        if (signer.isEmpty()) {
            violations.add(new Violation(Part.SIG, "is not a valid recoverable signature"));
        } else if (!signer.get().equals(ticket.sender())) {
            violations.add(new Violation(Part.SIG, "was not made by sender " + ticket.sender()));
        }
        if (!WinningCheck.recipientRandHash(recipientRand).equals(ticket.recipientRandHash())) {
            violations.add(new Violation(Part.RECIPIENT_RAND, "recipientRand does not match recipientRandHash"));
        }
        if (!WinningCheck.wins(sig, recipientRand, ticket.winProb())) {
            violations.add(new Violation(Part.SIG, "ticket did not win"));
        }
        return violations;
    }
}
