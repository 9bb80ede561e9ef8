package io.livepeerpool.redeemer.preflight;

/** What to do with a ticket after its pre-flight (or after a revert mined on chain). */
public sealed interface Verdict {

    /** The redemption would succeed: send it. */
    record Proceed() implements Verdict {
    }

    /** Refused for good: record {@code Failed} with the reason and never send it. */
    record Final(String reason) implements Verdict {
    }

    /** No longer accepted by the chain: record {@code Expired}. */
    record Expired(String reason) implements Verdict {
    }

    /** Try again on a later block (bounded backoff), until the ticket expires. */
    record Retry(String reason) implements Verdict {
    }
}
