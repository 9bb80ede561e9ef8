package io.livepeerpool.launcher.bench;

import io.livepeerpool.gateway.auth.RequestSigner;
import io.livepeerpool.launcher.UserInputException;
import io.livepeerpool.launcher.dev.DevCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool bench ingest}: closed-loop load of signed single-job posts and of batch posts against a running
 * gateway, and, as the baseline in the same run, the same signed requests against the gateway's bare HTTPS endpoint
 * ({@code POST /bench/baseline}: TLS, HTTP and the JSON body read, no verification, no Kafka). The client signs in
 * every phase, so the ratios show the cost the gateway adds: HMAC check, validation, Avro, the broker's ack.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Benchmark the gateway: signed single and batch job posts vs a bare HTTPS endpoint of the same server.")
public final class BenchIngestCommand implements Callable<Integer> {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = ".pool-dev/dev-credentials.json",
            description = "dev-credentials.json of a running `pool dev` (default: ${DEFAULT-VALUE}).")
    Path credentialsFile;

    @Option(names = "--workers", defaultValue = "64", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "Unmeasured warm-up per phase (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--batch-size", defaultValue = "100", description = "Jobs per batch post, 1-1000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--phases", defaultValue = "baseline,single,batch", split = ",",
            description = "Phases to run, of baseline, single, batch (default: ${DEFAULT-VALUE}); e.g. `--phases single"
                    + " --seconds 330` holds signed writes for longer than the 300 s replay window.")
    List<String> phases;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(credentialsFile)) {
            throw new UserInputException(credentialsFile + ": not found; start `./pool dev` first (or pass --credentials)");
        }
        if (seconds < 1 || seconds > 600 || warmupSeconds < 0 || warmupSeconds > 60 || batchSize < 1 || batchSize > 1000) {
            throw new UserInputException("--seconds 1-600, --warmup-seconds 0-60 and --batch-size 1-1000");
        }
        if (phases.isEmpty() || !List.of("baseline", "single", "batch").containsAll(phases)) {
            throw new UserInputException("--phases: a comma-separated list of baseline, single, batch");
        }
        DevCredentials dev = DevCredentials.read(credentialsFile);
        RequestSigner signer = RequestSigner.of(dev.keyId(), dev.secret());
        JobBodies bodies = new JobBodies(Long.toString(System.currentTimeMillis(), 36));
        ClosedLoopLoad load = new ClosedLoopLoad(workers, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTls.trusting(Path.of(dev.certificateFile())))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            Poster poster = new Poster(http, URI.create(dev.gatewayUrl()), signer);
            System.out.printf("pool bench ingest: %s, %d workers, %d s per phase (+%d s warm-up), batches of %d%n",
                    dev.gatewayUrl(), workers, seconds, warmupSeconds, batchSize);
            List<PhaseResult> results = new java.util.ArrayList<>();
            if (phases.contains("baseline")) {
                results.add(load.run("baseline (bare https)",
                        (w, s) -> poster.post("/bench/baseline", bodies.single(w, s), 1)));
            }
            if (phases.contains("single")) {
                results.add(load.run("signed single job",
                        (w, s) -> poster.post("/recordTranscoderJob", bodies.single(w, s), 1)));
            }
            if (phases.contains("batch")) {
                results.add(load.run("signed batch x" + batchSize,
                        (w, s) -> poster.post("/recordTranscoderJobs", bodies.batch(w, s, batchSize), batchSize)));
            }
            BenchReport.print(System.out, results.get(0), results);
        }
        return 0;
    }

    /** Sends one signed POST and checks for 202; anything else counts as a failure of the phase. */
    private record Poster(HttpClient http, URI base, RequestSigner signer) {
        int post(String path, byte[] body, int items) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, String> h : signer.headers("POST", path, body).entrySet()) {
                request.header(h.getKey(), h.getValue());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return items;
        }
    }
}
