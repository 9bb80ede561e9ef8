package io.livepeerpool.redeemer.preflight;

import java.util.Set;

/**
 * Classifies a TicketBroker revert reason (an {@code Error(string)} text or {@code Panic(0x..)}) into a verdict. Pure.
 *
 * <ul>
 *   <li>Final: the ticket itself is bad or spent (used, bad signature or recipientRand, did not win, bad auxData or
 *       block hash, null addresses, sender unlocked).</li>
 *   <li>Expired: "ticket is expired".</li>
 *   <li>Retry: everything that may pass on a later block: the funding check (the sender may top up until the ticket
 *       expires; go-livepeer drops these too early), an uninitialized round, a paused system, a Panic from the
 *       reserve math (the pool changed mid-round), and any reason this list does not know (held until expiry rather
 *       than dropped on a guess).</li>
 * </ul>
 */
public final class RevertClassifier {
    public static final String FUNDING_CHECK = "sender deposit and reserve insufficient to cover ticket face value";
    public static final String EXPIRED = "ticket is expired";

    /** Reasons that no later block can change. */
    static final Set<String> FINAL = Set.of(
            "ticket recipient is null address",
            "ticket sender is null address",
            "recipientRand does not match recipientRandHash",
            "ticket is used",
            "invalid signature over ticket hash",
            "ticket did not win",
            "INVALID_SIGNATURE_LENGTH",
            "sender is unlocked",
            "sender deposit and reserve are zero",
            "ticket creationRound does not have a block hash",
            "ticket creationRoundBlockHash invalid for creationRound",
            "ticket creationRound block hash invalid",
            "invalid length for ticket auxData: must be 64 bytes",
            "ECDSA: invalid signature",
            "ECDSA: invalid signature length",
            "ECDSA: invalid signature 's' value",
            "ECDSA: invalid signature 'v' value");

    private RevertClassifier() {
    }

    public static Verdict classify(String reason) {
        if (FINAL.contains(reason)) {
            return new Verdict.Final(reason);
        }
        if (EXPIRED.equals(reason)) {
            return new Verdict.Expired(reason);
        }
        return new Verdict.Retry(reason);
    }
}
