package io.livepeerpool.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of some of this JVM's threads, chosen by name: with {@code --stack gateway} the broker and the gateway
 * share one JVM, and the machine's CPU per request ({@link MachineCpu}) cannot tell the gateway's part from the
 * broker's. The gateway's part is what a gateway on machines of its own would spend per post; the rest is the broker
 * (and, at a phase's edges, the bench itself).
 *
 * <p>A thread that ends between two snapshots loses what it used since the first: Jetty retires idle threads only
 * after a minute without work, longer than a gap between rounds under load, so this undercounts by little.
 */
final class ThreadsCpu {
    /** The gateway's threads: Jetty's pool ({@code gateway-http-N}), its health and log timers, its producers' I/O. */
    static final Predicate<String> GATEWAY = name -> name.startsWith("gateway-")
            || name.startsWith("kafka-producer-network-thread | ingest-gateway");

    private static final ThreadsCpu UNMEASURED = new ThreadsCpu(null);

    private final Predicate<String> names;

    private ThreadsCpu(Predicate<String> names) {
        this.names = names;
    }

    /** The threads of this JVM whose names match, or unmeasured where the JVM cannot time threads. */
    static ThreadsCpu named(Predicate<String> names) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return UNMEASURED;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return new ThreadsCpu(names);
    }

    /** Nothing measured: every figure NaN (a gateway in another process). */
    static ThreadsCpu unmeasured() {
        return UNMEASURED;
    }

    Snapshot snapshot() {
        if (names == null) {
            return Snapshot.UNKNOWN;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> nanos = new HashMap<>();
        // names without stack traces (Thread.getAllStackTraces would walk every thread's stack for nothing)
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && names.test(t.getThreadName())) {
                long cpu = mx.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    nanos.put(t.getThreadId(), cpu);
                }
            }
        }
        return new Snapshot(nanos);
    }

    /** CPU nanoseconds by thread id; null when unmeasured. */
    record Snapshot(Map<Long, Long> nanosByThread) {
        static final Snapshot UNKNOWN = new Snapshot(null);

        Snapshot {
            nanosByThread = nanosByThread == null ? null : Map.copyOf(nanosByThread);
        }

        /** CPU seconds the matching threads used since {@code earlier}; a thread started since counts from 0. */
        double secondsSince(Snapshot earlier) {
            if (nanosByThread == null || earlier.nanosByThread == null) {
                return Double.NaN;
            }
            long sum = 0;
            for (Map.Entry<Long, Long> e : nanosByThread.entrySet()) {
                sum += Math.max(0, e.getValue() - earlier.nanosByThread.getOrDefault(e.getKey(), 0L));
            }
            return sum / 1e9;
        }
    }
}
