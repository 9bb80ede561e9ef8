package io.livepeerpool.platform.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the running {@link ServiceRunner}s in order, then exit with 128 + the signal number.
 *
 * <p>Why not only a shutdown hook: the JVM runs all shutdown hooks at once, in no order, and the embedded
 * infrastructure's libraries register their own (zonky's PostgreSQL, the schema registry and anvil child
 * processes), which then stop PostgreSQL while the projector still writes. Catching the signal lets the services stop
 * first, their infrastructure last; the hooks then find everything stopped. ({@code sun.misc.Signal} is the JDK's
 * supported-in-practice way to do this, in {@code jdk.unsupported}, as Kafka's own broker does.) Without a running
 * runner the signal exits at once, as the JVM's default would.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final List<ServiceRunner> runners = new ArrayList<>();
    private static boolean installed;
    /** 128 + the signal once one started the stop; 0 before. */
    private static volatile int signalExit;

    private StopSignals() {
    }

    static synchronized void register(ServiceRunner runner) {
        runners.add(runner);
        if (!installed) {
            installed = true;
            install("TERM", 15);
            install("INT", 2);
        }
    }

    /** 128 + the signal that stopped the services, or 0 when none did. */
    static int signalExit() {
        return signalExit;
    }

    static synchronized void unregister(ServiceRunner runner) {
        runners.remove(runner);
    }

    private static void install(String name, int number) {
        try {
            Signal.handle(new Signal(name), signal -> onSignal(name, number));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // a JVM started with -Xrs, or a platform without this signal: the shutdown hook still stops the services
            log.debug("cannot handle SIG{}: {}", name, e.toString());
        }
    }

    private static void onSignal(String name, int number) {
        List<ServiceRunner> toStop;
        synchronized (StopSignals.class) {
            toStop = new ArrayList<>(runners);
        }
        // Set before the runners close: their awaitShutdown() returns then, and a main thread that reaches
        // System.exit first must exit with the signal's status too, not with its command's 0.
        signalExit = 128 + number;
        log.info("SIG{}: stopping {} service group(s) in order", name, toStop.size());
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).close();
        }
        System.exit(128 + number);
    }
}
