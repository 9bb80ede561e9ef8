package io.livepeerpool.platform.lifecycle;

import io.livepeerpool.platform.config.ConfigKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lifecycle skeleton every deployable shares: start services in order, stop them in reverse on SIGTERM,
 * Ctrl-C or a failed start, and block the main thread until then. Reverse order is what keeps a service's
 * infrastructure (started first) up until the service has stopped: in {@code pool dev} the projector stops before
 * PostgreSQL and the ledger before Kafka.
 *
 * <p>Each stop is bounded: a service that has not stopped after {@link #STOP_TIMEOUT_MS} gets one warning line and
 * is left behind (its threads are daemons or die with the JVM) while the next one is stopped, so one stuck service
 * cannot hold the shutdown. SIGTERM and SIGINT are caught ({@link StopSignals}) so that this ordered stop runs
 * before the JVM's shutdown hooks, where libraries stop their own child processes in no particular order.
 */
public final class ServiceRunner implements AutoCloseable {

    /**
     * The process exit status: 128 + the signal when SIGTERM/SIGINT stopped the services (whichever thread reaches
     * System.exit first), else {@code commandStatus}.
     */
    public static int exitStatus(int commandStatus) {
        int signal = StopSignals.signalExit();
        return signal != 0 ? signal : commandStatus;
    }

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
    public static final ConfigKey<Long> STOP_TIMEOUT_MS = ConfigKey.longValue("service.stopTimeoutMs", 20_000, 100, 600_000,
            "longest wait for each service to stop at shutdown; past it one line is logged and the next is stopped");
    public static final Duration STOP_TIMEOUT_DEFAULT = Duration.ofSeconds(20);

    private final Deque<Service> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook = new Thread(this::close, "shutdown");
    private final Duration stopTimeout;
    private boolean closing;

    public ServiceRunner() {
        this(STOP_TIMEOUT_DEFAULT);
    }

    public ServiceRunner(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignals.register(this);
    }

    /** Starts each service; if one fails, the ones already started are stopped and the failure is rethrown. */
    public void start(List<? extends Service> services) throws Exception {
        for (Service service : services) {
            try {
                service.start();
                boolean refused;
                synchronized (started) {
                    refused = closing;
                    if (!refused) {
                        started.push(service);
                    }
                }
                if (refused) {
                    // a stop signal came while this one was starting: it must not outlive the shutdown
                    stop(service);
                    throw new IllegalStateException("stopping: " + service.name() + " was started during shutdown");
                }
                log.info("started {}", service.name());
            } catch (Exception e) {
                log.error("{} failed to start: {}", service.name(), e.toString());
                close();
                throw e;
            }
        }
    }

    public List<Service> services() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    /** Blocks until shutdown has completed. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        synchronized (started) {
            closing = true;
        }
        while (true) {
            Service next;
            synchronized (started) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            stop(next);
        }
        stopped.countDown();
        StopSignals.unregister(this);
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting; the hook runs or has run, nothing to remove
            }
        }
    }

    /** Closes one service on a thread of its own, waiting at most {@link #stopTimeout}. */
    private void stop(Service service) {
        long begun = System.nanoTime();
        Thread stopper = Thread.ofPlatform().daemon().name("stop-" + service.name()).start(() -> {
            try {
                service.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", service.name(), e.toString());
            }
        });
        try {
            stopper.join(stopTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long ms = (System.nanoTime() - begun) / 1_000_000;
        if (stopper.isAlive()) {
            log.warn("{} did not stop within {} ms (service.stopTimeoutMs); stopping the next", service.name(),
                    stopTimeout.toMillis());
        } else {
            log.info("stopped {} in {} ms", service.name(), ms);
        }
    }
}
