package io.livepeerpool.ledger.audit;

/** The topics cannot be exported as they are (a missing topic, boundaries that disagree with the chain, ...). */
public final class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }
}
