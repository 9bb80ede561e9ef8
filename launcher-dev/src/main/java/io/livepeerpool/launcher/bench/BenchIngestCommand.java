package io.livepeerpool.launcher.bench;

import io.livepeerpool.launcher.UserInputException;
import io.livepeerpool.launcher.dev.DevCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool bench ingest}: closed-loop load from {@code wrk} ({@link WrkLoad}) against a running gateway, at each
 * connection count: the gateway's bare HTTPS endpoint ({@code POST /bench/baseline}: TLS, HTTP and the body read,
 * no verification, no Kafka) as the baseline, then signed single-job posts, then signed batch posts; optionally a
 * sustained phase of signed single posts for longer than the 300 s replay window. Every request is signed with a
 * fresh nonce in every phase, so the ratios show what the gateway adds: HMAC check, nonce, validation, Avro, the
 * broker's {@code acks=all}. {@code --stack gateway} starts its own broker, registry and gateway with nothing
 * consuming the topics ({@link GatewayOnlyStack}), to separate the gateway's cost from that of the pool sharing its cores.
 *
 * <p>The phases run in interleaved rounds (baseline, single, batch, baseline, single, batch, ...), not one after the
 * other: on a shared two-core machine the capacity drifts by a factor of two within minutes, and a baseline measured
 * once at the start then set against a phase measured minutes later reported that drift as the gateway's cost.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Benchmark the gateway with wrk: signed single and batch job posts vs a bare HTTPS endpoint of the same server.")
public final class BenchIngestCommand implements Callable<Integer> {
    private static final List<String> PHASES = List.of("baseline", "acked", "single", "batch", "sustained");
    private static final int LATER_WARMUP_SECONDS = 10;

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = ".pool-dev/dev-credentials.json",
            description = "dev-credentials.json of a running `pool dev` (default: ${DEFAULT-VALUE}).")
    Path credentialsFile;

    @Option(names = "--connections", defaultValue = "16,64", split = ",",
            description = "Keep-alive connections, one closed loop each; every phase runs at each count (default: ${DEFAULT-VALUE}).")
    List<Integer> connections;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per phase and round (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "60",
            description = "Unmeasured warm-up of each phase before its first round at the first connection count; at"
                    + " later counts each phase warms for at most 10 s (default: ${DEFAULT-VALUE}). On two cores the JIT"
                    + " needs about a minute of load to compile the signed path: a 10 s warm-up measured single posts"
                    + " at half their steady rate.")
    int warmupSeconds;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Interleaved rounds of --seconds each per phase; every ratio sets a phase against the baseline"
                    + " measured in the same rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--batch-size", defaultValue = "100", description = "Jobs per batch post, 1-1000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--phases", defaultValue = "baseline,single,batch", split = ",",
            description = "Phases, of baseline, acked, single, batch, sustained (default: ${DEFAULT-VALUE}). `acked`"
                    + " (--stack gateway only): the bare post plus one acknowledged Kafka write of its body, the most a"
                    + " signed post can reach here. `sustained`: signed single posts for --sustained-seconds at the"
                    + " largest --connections, progress every 30 s.")
    List<String> phases;

    @Option(names = "--sustained-seconds", defaultValue = "330",
            description = "Length of the sustained phase; longer than the 300 s replay window (default: ${DEFAULT-VALUE}).")
    int sustainedSeconds;

    @Option(names = "--wrk", paramLabel = "PATH", defaultValue = "wrk",
            description = "The wrk executable (default: ${DEFAULT-VALUE}, from PATH; Debian/Ubuntu: apt-get install wrk).")
    String wrk;

    @Option(names = "--threads", defaultValue = "1",
            description = "wrk threads (default: ${DEFAULT-VALUE}: on two cores the client should take as little CPU as it can).")
    int threads;

    @Option(names = "--stack", defaultValue = "pool",
            description = "pool: the gateway of a running `pool dev` (--credentials), sharing the cores with the ledger,"
                    + " the projector and every other consumer of the accepted jobs; gateway: start a broker, registry and"
                    + " PostgreSQL (no chain) and a gateway in this process, with nothing consuming the topics, as where"
                    + " the gateway runs on machines of its own (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "With --stack gateway: a gateway configuration key (repeatable), e.g. gateway.kafka.lingerMs=0.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (!stack.equals("pool") && !stack.equals("gateway")) {
            throw new UserInputException("--stack: pool or gateway");
        }
        if (!overrides.isEmpty() && !stack.equals("gateway")) {
            throw new UserInputException("--set applies to --stack gateway only (pass settings to `pool dev --set` instead)");
        }
        if (stack.equals("pool") && !Files.exists(credentialsFile)) {
            throw new UserInputException(credentialsFile + ": not found; start `./pool dev` first (or pass --credentials)");
        }
        if (seconds < 1 || seconds > 600 || warmupSeconds < 0 || warmupSeconds > 600 || batchSize < 1 || batchSize > 1000
                || sustainedSeconds < 1 || sustainedSeconds > 3_600 || threads < 1 || threads > 64 || rounds < 1
                || rounds > 20) {
            throw new UserInputException("--seconds 1-600, --warmup-seconds 0-600, --rounds 1-20, --batch-size 1-1000, "
                    + "--sustained-seconds 1-3600, --threads 1-64");
        }
        if (phases.isEmpty() || !PHASES.containsAll(phases)) {
            throw new UserInputException("--phases: a comma-separated list of " + String.join(", ", PHASES));
        }
        if (connections.isEmpty() || connections.stream().anyMatch(c -> c < 1 || c > 10_000)) {
            throw new UserInputException("--connections: a comma-separated list of counts, 1-10000");
        }
        if (phases.contains("acked") && !stack.equals("gateway")) {
            throw new UserInputException("--phases acked needs --stack gateway (it writes to a topic of its own, which"
                    + " that stack creates)");
        }
        if (stack.equals("gateway")) {
            System.out.println("pool bench ingest: starting broker, registry, PostgreSQL and a gateway in this process...");
            try (GatewayOnlyStack own = GatewayOnlyStack.start(overrides)) {
                return run(own.target(), "gateway only (broker, registry, gateway; nothing consumes the topics)",
                        ThreadsCpu.named(ThreadsCpu.GATEWAY), Optional.of(own::nonceStore));
            }
        }
        DevCredentials dev = DevCredentials.read(credentialsFile);
        return run(new WrkLoad.Target(dev.gatewayUrl(), dev.keyId(), dev.secret()), "the gateway of `pool dev`",
                ThreadsCpu.unmeasured(), Optional.empty());
    }

    /** @param nonceStore the gateway's replay-window store, printed after the sustained phase, when in this JVM */
    private int run(WrkLoad.Target target, String what, ThreadsCpu gatewayThreads, Optional<Supplier<String>> nonceStore)
            throws Exception {
        WrkLoad load = WrkLoad.prepare(wrk, threads, target, gatewayThreads);
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("pool bench ingest: %s, %s with wrk (%d thread), connections %s, %d interleaved rounds of %d s per phase"
                        + " (after a warm-up of %d s per phase), batches of %d; load average at start %s%n", what, target.url(), threads,
                connections, rounds, seconds, warmupSeconds, batchSize, loadAverage());
        List<PhaseResult> results = new ArrayList<>();
        Phases plan = new Phases(load, run);
        List<Phase> chosen = new ArrayList<>();
        if (phases.contains("baseline")) {
            chosen.add(new Phase("baseline (bare https)", "/bench/baseline", 0));
        }
        if (phases.contains("acked")) {
            chosen.add(new Phase("bare + acked write", "/bench/acked", 0));
        }
        if (phases.contains("single")) {
            chosen.add(new Phase("signed single job", "/recordTranscoderJob", 0));
        }
        if (phases.contains("batch")) {
            chosen.add(new Phase("signed batch x" + batchSize, "/recordTranscoderJobs", batchSize));
        }
        for (int c : connections) {
            int warmup = c == connections.getFirst() ? warmupSeconds : Math.min(LATER_WARMUP_SECONDS, warmupSeconds);
            for (Phase phase : chosen) {
                plan.warmUp(phase, c, warmup);
            }
            List<List<PhaseResult>> measured = new ArrayList<>();
            chosen.forEach(phase -> measured.add(new ArrayList<>()));
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < chosen.size(); i++) {
                    measured.get(i).add(plan.measure(chosen.get(i), c, seconds, round, rounds));
                }
            }
            measured.forEach(m -> results.add(PhaseResult.combine(m)));
        }
        if (phases.contains("sustained")) {
            int c = connections.stream().max(Integer::compare).orElseThrow();
            results.add(plan.sustained("sustained single " + sustainedSeconds + " s", c, sustainedSeconds));
            nonceStore.ifPresent(store -> System.out.println("  at the end of the sustained phase, " + store.get()));
        }
        System.out.println("load average at end " + loadAverage());
        BenchReport.print(System.out, results);
        return results.stream().anyMatch(r -> r.failures() > 0) ? 1 : 0;
    }

    /** What one phase posts: {@code batch} 0 posts one job as {"jobDetails":...}. */
    private record Phase(String name, String path, int batch) {
        String tag(String run, int connections) {
            return run + "-" + path.charAt(path.length() - 1) + batch + "c" + connections;
        }
    }

    /** Runs phases: every warm-up and every round with nonces of its own. */
    private record Phases(WrkLoad load, String run) {
        void warmUp(Phase phase, int connections, int warmupSeconds) throws Exception {
            if (warmupSeconds > 0) {
                load.run(new WrkLoad.Phase(phase.name() + " warm-up", phase.path(), phase.batch(), connections,
                        warmupSeconds, phase.tag(run, connections) + "w", 0));
            }
        }

        PhaseResult measure(Phase phase, int connections, int seconds, int round, int rounds) throws Exception {
            PhaseResult result = load.run(new WrkLoad.Phase(phase.name(), phase.path(), phase.batch(), connections,
                    seconds, phase.tag(run, connections) + "m" + round, 0));
            System.out.printf(Locale.ROOT, "  %s, %d connections, round %d/%d: %.0f requests/s, p50 %.2f ms, p99 %.2f ms,"
                            + " %d non-2xx%n", phase.name(), connections, round, rounds, result.requestsPerSecond(),
                    result.p50Millis(), result.p99Millis(), result.non2xx());
            return result;
        }

        PhaseResult sustained(String name, int connections, int seconds) throws Exception {
            System.out.printf("  %s at %d connections: progress every 30 s on stderr%n", name, connections);
            return load.run(new WrkLoad.Phase(name, "/recordTranscoderJob", 0, connections, seconds, run + "-sus", 30));
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), so a reader knows how busy the shared machine was. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
