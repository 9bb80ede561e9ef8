package io.livepeerpool.launcher.bench;

/**
 * What one benchmark phase measured: answers over the measured time ({@code items} = jobs they carried), answers
 * other than 2xx, socket errors (connect, read, write, timeout), and latency percentiles in microseconds.
 */
public record PhaseResult(String name, int connections, long requests, long items, long non2xx, long socketErrors,
                          double seconds, long p50Micros, long p99Micros) {

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public double itemsPerSecond() {
        return items / seconds;
    }

    public double p50Millis() {
        return p50Micros / 1000.0;
    }

    public double p99Millis() {
        return p99Micros / 1000.0;
    }

    public long failures() {
        return non2xx + socketErrors;
    }
}
