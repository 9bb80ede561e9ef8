package io.livepeerpool.launcher.bench;

import java.util.List;

/**
 * What one benchmark phase measured: answers over the measured time ({@code items} = jobs they carried), answers
 * other than 2xx, socket errors (connect, read, write, timeout), latency percentiles in microseconds, the
 * requests/s of each round it was measured in (one entry when it ran once), and the CPU seconds the load generator
 * and everything else on the machine (the server) used meanwhile, and of the server's the gateway's own threads where
 * they share the bench's JVM ({@link ThreadsCpu}; NaN where the machine does not tell).
 */
public record PhaseResult(String name, int connections, long requests, long items, long non2xx, long socketErrors,
                          double seconds, long p50Micros, long p99Micros, List<Double> roundRates,
                          double clientCpuSeconds, double serverCpuSeconds, double gatewayCpuSeconds) {

    public PhaseResult {
        roundRates = List.copyOf(roundRates);
    }

    /** One measurement, one round. */
    public PhaseResult(String name, int connections, long requests, long items, long non2xx, long socketErrors,
                       double seconds, long p50Micros, long p99Micros, double clientCpuSeconds, double serverCpuSeconds,
                       double gatewayCpuSeconds) {
        this(name, connections, requests, items, non2xx, socketErrors, seconds, p50Micros, p99Micros,
                List.of(requests / seconds), clientCpuSeconds, serverCpuSeconds, gatewayCpuSeconds);
    }

    /**
     * The rounds of one phase as one result: counts and seconds add up; p50 is the median of the rounds' p50s and
     * p99 the worst round's p99, because percentiles of separate runs cannot be merged exactly and the worst is the
     * honest bound.
     */
    public static PhaseResult combine(List<PhaseResult> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        PhaseResult first = rounds.getFirst();
        List<Long> p50s = rounds.stream().map(PhaseResult::p50Micros).sorted().toList();
        return new PhaseResult(first.name(), first.connections(),
                rounds.stream().mapToLong(PhaseResult::requests).sum(),
                rounds.stream().mapToLong(PhaseResult::items).sum(),
                rounds.stream().mapToLong(PhaseResult::non2xx).sum(),
                rounds.stream().mapToLong(PhaseResult::socketErrors).sum(),
                rounds.stream().mapToDouble(PhaseResult::seconds).sum(),
                p50s.get((p50s.size() - 1) / 2),
                rounds.stream().mapToLong(PhaseResult::p99Micros).max().orElseThrow(),
                rounds.stream().flatMap(r -> r.roundRates().stream()).toList(),
                rounds.stream().mapToDouble(PhaseResult::clientCpuSeconds).sum(),
                rounds.stream().mapToDouble(PhaseResult::serverCpuSeconds).sum(),
                rounds.stream().mapToDouble(PhaseResult::gatewayCpuSeconds).sum());
    }

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

    /** Server CPU per request in microseconds: what the machine spent besides the load generator. */
    public double serverMicrosPerRequest() {
        return microsPerRequest(serverCpuSeconds);
    }

    /** The gateway's own threads' CPU per request in microseconds: the server's less the broker's and the rest. */
    public double gatewayMicrosPerRequest() {
        return microsPerRequest(gatewayCpuSeconds);
    }

    private double microsPerRequest(double cpuSeconds) {
        return cpuSeconds * 1e6 / requests;
    }

    /** Cores the load generator kept busy on average; with one wrk thread it cannot pass 1. */
    public double clientCores() {
        return clientCpuSeconds / seconds;
    }

    public long failures() {
        return non2xx + socketErrors;
    }
}
