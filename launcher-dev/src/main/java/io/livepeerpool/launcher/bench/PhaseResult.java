package io.livepeerpool.launcher.bench;

import org.HdrHistogram.Histogram;

/** What one benchmark phase measured: counts over the measuring window and a latency histogram in microseconds. */
public record PhaseResult(String name, long requests, long items, long failures, double seconds, Histogram latencyMicros) {

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public double itemsPerSecond() {
        return items / seconds;
    }

    public double p50Millis() {
        return latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Millis() {
        return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }
}
