package io.livepeerpool.launcher.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Prints phases as a table with throughput and latency ratios against the baseline phase at the same connection
 * count in the same run (no ratio when that baseline was not run), and, when the phases ran in interleaved rounds,
 * the lowest and highest per-round throughput ratio: round i of a phase against round i of the baseline, measured
 * seconds apart, so a reader sees how much the shared machine moved the figure.
 *
 * <p>CPU columns: the server's CPU per request (all the machine used while the phase ran, less the load generator's
 * own), its ratio (the baseline's per-request CPU / the phase's: the throughput ratio a CPU-bound server would reach
 * on cores of its own) and the cores the load generator kept busy. On a machine the client shares, the throughput
 * ratio mixes both: a baseline that leaves the client most of a core shows less of the server than it costs. Where
 * the gateway shares the bench's JVM with the broker, the gateway's own threads' CPU per request and its ratio too:
 * what a gateway on machines of its own would spend, the broker's part left out.
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static void print(PrintStream out, List<PhaseResult> phases) {
        out.println(String.format(Locale.ROOT, "%-26s %5s %10s %12s %9s %9s %8s %10s %12s %10s %10s %11s %9s %12s %10s %8s",
                "phase", "conns", "req/s", "jobs/s", "p50 ms", "p99 ms", "non-2xx", "thr ratio", "round ratios",
                "p50 ratio", "p99 ratio", "srv us/req", "srv ratio", "client cores", "gw us/req", "gw ratio"));
        for (PhaseResult p : phases) {
            Optional<PhaseResult> base = phases.stream()
                    .filter(b -> b.name().startsWith("baseline") && b.connections() == p.connections()).findFirst();
            out.println(String.format(Locale.ROOT, "%-26s %5d %10.0f %12.0f %9.2f %9.2f %8d %10.3f %12s %10.2f %10.2f %11s %9s %12s %10s %8s",
                    p.name(), p.connections(), p.requestsPerSecond(), p.itemsPerSecond(), p.p50Millis(), p.p99Millis(),
                    p.non2xx(), ratio(p.requestsPerSecond(), base.map(PhaseResult::requestsPerSecond)),
                    roundRatios(p, base), ratio(p.p50Millis(), base.map(PhaseResult::p50Millis)),
                    ratio(p.p99Millis(), base.map(PhaseResult::p99Millis)), known("%.0f", p.serverMicrosPerRequest()),
                    cpuRatio(p, base, PhaseResult::serverMicrosPerRequest), known("%.2f", p.clientCores()),
                    known("%.0f", p.gatewayMicrosPerRequest()), cpuRatio(p, base, PhaseResult::gatewayMicrosPerRequest)));
            if (p.socketErrors() > 0) {
                out.println("  ^ " + p.socketErrors() + " socket errors (connect, read, write or timeout)");
            }
        }
        out.println("ratios: the phase / the bare HTTPS baseline at the same connection count in this run (throughput:"
                + " higher is better, 1.000 = as fast as the baseline; latency: lower is better). round ratios: the"
                + " lowest and highest of round i / baseline round i. p50: median of the rounds' p50s; p99: the worst"
                + " round's. jobs/s counts 2xx answers only; the baseline's jobs/s is its requests/s. srv us/req: CPU the"
                + " machine used per request besides the load generator (the server: gateway, broker and whatever else"
                + " runs); srv ratio: the baseline's srv us/req / the phase's, the throughput ratio a CPU-bound server"
                + " would reach on cores of its own; client cores: cores the load generator kept busy (one wrk thread:"
                + " at most 1.00, near it the client is the limit); gw us/req, gw ratio: the same for the gateway's own"
                + " threads alone, where it shares the bench's JVM with the broker (--stack gateway).");
    }

    static String roundRatios(PhaseResult p, Optional<PhaseResult> base) {
        if (base.isEmpty() || p.roundRates().size() < 2 || base.get().roundRates().size() != p.roundRates().size()) {
            return "-";
        }
        List<Double> b = base.get().roundRates();
        double[] r = IntStream.range(0, b.size()).mapToDouble(i -> p.roundRates().get(i) / b.get(i)).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f-%.2f", r[0], r[r.length - 1]);
    }

    /** The baseline's CPU per request over the phase's: higher is better, like the throughput ratio. */
    private static String cpuRatio(PhaseResult p, Optional<PhaseResult> base, ToDoubleFunction<PhaseResult> microsPerRequest) {
        return known("%.3f", base.map(b -> microsPerRequest.applyAsDouble(b) / microsPerRequest.applyAsDouble(p))
                .orElse(Double.NaN));
    }

    /** A figure, or "-" when the machine could not tell it. */
    private static String known(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static double ratio(double value, Optional<Double> base) {
        return base.filter(b -> b != 0).map(b -> value / b).orElse(Double.NaN);
    }
}
