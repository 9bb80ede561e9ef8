package io.livepeerpool.devstack;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Polls a condition until it holds or a deadline passes. */
final class Await {

    /** A readiness probe; it may throw, which counts as "not yet". */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    private Await() {
    }

    /**
     * Polls {@code probe} every {@code interval} until it returns true.
     *
     * @throws TimeoutException if it did not within {@code timeout}; the last failure of the probe is its cause
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
            } catch (InterruptedException e) {
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
