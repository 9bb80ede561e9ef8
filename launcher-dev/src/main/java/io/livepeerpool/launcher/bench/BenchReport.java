package io.livepeerpool.launcher.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints phases as a table with throughput and latency ratios against the baseline phase of the same run. */
public final class BenchReport {
    private BenchReport() {
    }

    public static void print(PrintStream out, PhaseResult baseline, List<PhaseResult> phases) {
        out.println(String.format(Locale.ROOT, "%-22s %10s %12s %9s %9s %9s %11s %11s %11s",
                "phase", "req/s", "items/s", "p50 ms", "p99 ms", "failed", "thr ratio", "p50 ratio", "p99 ratio"));
        for (PhaseResult p : phases) {
            out.println(String.format(Locale.ROOT, "%-22s %10.0f %12.0f %9.2f %9.2f %9d %11.3f %11.2f %11.2f",
                    p.name(), p.requestsPerSecond(), p.itemsPerSecond(), p.p50Millis(), p.p99Millis(), p.failures(),
                    ratio(p.requestsPerSecond(), baseline.requestsPerSecond()),
                    ratio(p.p50Millis(), baseline.p50Millis()),
                    ratio(p.p99Millis(), baseline.p99Millis())));
        }
        out.println("thr ratio = requests/s of the phase / requests/s of '" + baseline.name()
                + "'; latency ratios likewise (1.00 = as fast as the baseline).");
    }

    private static double ratio(double value, double base) {
        return base == 0 ? Double.NaN : value / base;
    }
}
