package io.livepeerpool.devstack;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Polls a condition until it holds or a deadline passes. */
final class Await {

    /** A readiness probe; it may throw, which counts as "not yet", except {@link GaveUp}, which ends the wait. */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    /** Thrown by a probe that knows waiting longer cannot help (the process it waits for has exited). */
    static final class GaveUp extends RuntimeException {
        GaveUp(String message) {
            super(message);
        }
    }

    private Await() {
    }

    /**
     * Polls {@code probe} every {@code interval} until it returns true.
     *
     * @throws TimeoutException if it did not within {@code timeout}; the last failure of the probe is its cause
     * @throws GaveUp          at once, when the probe throws it
     */
    static void until(String what, Duration timeout, Duration interval, Probe probe)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException | GaveUp e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                TimeoutException timeoutException =
                        new TimeoutException(what + " not ready after " + timeout.toSeconds() + " s");
                if (last != null) {
                    timeoutException.initCause(last);
                }
                throw timeoutException;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
