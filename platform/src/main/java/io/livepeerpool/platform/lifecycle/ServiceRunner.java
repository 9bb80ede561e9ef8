package io.livepeerpool.platform.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lifecycle skeleton every deployable shares: start services in order, stop them in reverse on SIGTERM,
 * Ctrl-C or a failed start, and block the main thread until then.
 */
public final class ServiceRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    private final Deque<Service> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook = new Thread(this::close, "shutdown");

    public ServiceRunner() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts each service; if one fails, the ones already started are stopped and the failure is rethrown. */
    public void start(List<? extends Service> services) throws Exception {
        for (Service service : services) {
            try {
                service.start();
                synchronized (started) {
                    started.push(service);
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
        while (true) {
            Service next;
            synchronized (started) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
                log.info("stopped {}", next.name());
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", next.name(), e.toString());
            }
        }
        stopped.countDown();
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting; the hook runs or has run, nothing to remove
            }
        }
    }
}
