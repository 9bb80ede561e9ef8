package io.livepeerpool.launcher.bench;

import io.livepeerpool.gateway.auth.NonceWindow;
import io.livepeerpool.launcher.UserInputException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool bench nonces}: the gateway's replay-window store ({@link NonceWindow}) under a sustained rate of signed
 * requests for longer than the window, on a simulated clock (seconds advance per {@code --rate} requests), so the
 * figure depends on the store, not on the machine's HTTP throughput. The baseline in the same run is the old
 * count-bounded store (200,000 nonces kept until timestamp + skew), computed by its rule over the same requests.
 * Reports refusals, the peak of remembered nonces and memory, and the store's own speed on one thread (wall clock).
 */
@Command(name = "nonces", mixinStandardHelpOptions = true,
        description = "Benchmark the replay-window nonce store at a sustained rate for longer than the window.")
public final class BenchNoncesCommand implements Callable<Integer> {
    private static final int OLD_CAPACITY = 200_000;

    @Option(names = "--rate", defaultValue = "5000", description = "Signed requests per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "330", description = "Simulated seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--skew-seconds", defaultValue = "300", description = "gateway.auth.clockSkewSeconds (default: ${DEFAULT-VALUE}).")
    int skew;

    @Option(names = "--memory-max-bytes", defaultValue = "268435456",
            description = "gateway.auth.nonceMemoryMaxBytes (default: ${DEFAULT-VALUE}).")
    long memoryMax;

    @Override
    public Integer call() {
        if (rate < 1 || rate > 1_000_000 || seconds < 1 || seconds > 3_600 || skew < 1) {
            throw new UserInputException("--rate 1-1000000, --seconds 1-3600, --skew-seconds >= 1");
        }
        NonceWindow window = new NonceWindow(memoryMax, skew);
        long start = 1_800_000_000L;
        long recorded = 0;
        long refused = 0;
        long peakSize = 0;
        long peakBytes = 0;
        long oldRefused = 0;
        long oldFirstRefusal = -1;
        Deque<long[]> oldLive = new ArrayDeque<>(); // [expiry second, count] of the old store's entries
        long oldSize = 0;
        long began = System.nanoTime();
        for (long s = 0; s < seconds; s++) {
            long now = start + s;
            for (int i = 0; i < rate; i++) {
                NonceWindow.Outcome outcome = window.record("bench-key", Long.toString(s * rate + i, 36), now + skew, now);
                if (outcome == NonceWindow.Outcome.FIRST_USE) {
                    recorded++;
                } else {
                    refused++;
                }
            }
            peakSize = Math.max(peakSize, window.size());
            peakBytes = Math.max(peakBytes, window.memoryBytes());
            // the old rule: purge expiry < now, then accept while fewer than 200,000 are remembered
            while (!oldLive.isEmpty() && oldLive.peekFirst()[0] < now) {
                oldSize -= oldLive.pollFirst()[1];
            }
            long accepted = Math.min(rate, OLD_CAPACITY - oldSize);
            if (accepted < rate) {
                oldRefused += rate - accepted;
                if (oldFirstRefusal < 0) {
                    oldFirstRefusal = s;
                }
            }
            oldLive.addLast(new long[] {now + skew, accepted});
            oldSize += accepted;
        }
        double wallSeconds = (System.nanoTime() - began) / 1e9;
        long total = (long) rate * seconds;
        System.out.printf(Locale.ROOT, "pool bench nonces: %,d signed requests/s for %d s (simulated clock), skew %d s,"
                + " cap %,d bytes%n", rate, seconds, skew, memoryMax);
        System.out.printf(Locale.ROOT, "  baseline, old store (200,000 nonces): %,d of %,d refused (503)%s%n", oldRefused,
                total, oldFirstRefusal < 0 ? "" : ", the first after " + oldFirstRefusal + " s");
        System.out.printf(Locale.ROOT, "  time/memory-bounded store:            %,d of %,d refused; peak %,d nonces,"
                + " %.1f MiB (%.0f bytes/nonce)%n", refused, total, peakSize, peakBytes / 1048576.0,
                peakSize == 0 ? 0.0 : (double) peakBytes / peakSize);
        System.out.printf(Locale.ROOT, "  store speed: %,.0f records/s on one thread (%.1f s wall clock)%n",
                total / wallSeconds, wallSeconds);
        return 0;
    }
}
