package io.livepeerpool.ledger.projector;

/** A record the projector moved past without projecting it, where it is in Kafka and why. */
record Skip(String topic, int partition, long offset, String reason) {

    static final int REASON_LENGTH_MAX = 500;

    Skip {
        reason = printable(reason);
    }

    /** PostgreSQL text cannot hold NUL, and a reason is one log line: strip control characters, bound the length. */
    private static String printable(String reason) {
        String text = reason == null || reason.isBlank() ? "unknown" : reason;
        text = text.replaceAll("\\p{Cntrl}", " ");
        return text.length() <= REASON_LENGTH_MAX ? text : text.substring(0, REASON_LENGTH_MAX) + "...";
    }
}
