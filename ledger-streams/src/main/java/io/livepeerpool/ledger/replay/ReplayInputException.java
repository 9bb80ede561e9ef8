package io.livepeerpool.ledger.replay;

/**
 * A replay input line that cannot be applied: the replay stops here rather than skip it, since a skipped event
 * would give a different ledger. The CLI maps it to a non-zero exit (65, EX_DATAERR).
 */
public final class ReplayInputException extends RuntimeException {
    private final long lineNumber;
    private final String field;

    public ReplayInputException(long lineNumber, String field, String problem) {
        super("line " + lineNumber + ": field '" + field + "': " + problem);
        this.lineNumber = lineNumber;
        this.field = field;
    }

    /** 1-based line number in the input. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The offending field, or {@code (line)} when the line is not a JSON object at all. */
    public String field() {
        return field;
    }
}
