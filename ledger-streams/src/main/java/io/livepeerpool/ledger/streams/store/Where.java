package io.livepeerpool.ledger.streams.store;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/** Where the record being processed came from, for error messages: {@code topic-partition@offset}. */
public final class Where {
    private Where() {
    }

    public static String of(ProcessingContext context) {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("(punctuation)");
    }

    /** An exception that names the record; thrown, it stops the ledger (nothing is skipped). */
    public static IllegalStateException problem(ProcessingContext context, String what, RuntimeException cause) {
        return new IllegalStateException(of(context) + ": " + what + ": " + cause.getMessage(), cause);
    }
}
