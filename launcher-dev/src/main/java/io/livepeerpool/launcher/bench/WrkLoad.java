package io.livepeerpool.launcher.bench;

import io.livepeerpool.launcher.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ingest benchmark's load generator: {@code wrk} (C, epoll, keep-alive connections) with {@code ingest-wrk.lua},
 * which signs every request at send time with a fresh nonce. A closed loop: each connection sends its next request
 * when the previous one is answered. It replaced a JDK HttpClient load whose own ceiling (about 2,000 requests/s on
 * two cores) was what the old figures measured; the baseline phase shows this one's ceiling in every run.
 */
final class WrkLoad {
    static final String INSTALL_HINT = "wrk is not installed: `sudo apt-get install -y wrk` (Debian/Ubuntu), "
            + "`brew install wrk` (macOS), or pass --wrk PATH";
    private static final long EXTRA_WAIT_SECONDS = 60;

    /** How to reach the gateway and sign for it. */
    record Target(String url, String keyId, String secretHex) {
    }

    /** One phase: what to post, how many connections, how long; batchSize 0 posts one job as {"jobDetails":...}. */
    record Phase(String name, String path, int batchSize, int connections, int seconds, String noncePrefix,
                 int reportEverySeconds) {
    }

    private final String wrk;
    private final int threads;
    private final Path script;
    private final Target target;
    private final ThreadsCpu gatewayThreads;

    private WrkLoad(String wrk, int threads, Path script, Target target, ThreadsCpu gatewayThreads) {
        this.wrk = wrk;
        this.threads = threads;
        this.script = script;
        this.target = target;
        this.gatewayThreads = gatewayThreads;
    }

    /**
     * Checks that {@code wrk} runs and writes the script to a temporary file (deleted at exit).
     *
     * @param gatewayThreads the gateway's threads where it runs in this JVM, {@link ThreadsCpu#unmeasured()} otherwise
     */
    static WrkLoad prepare(String wrk, int threads, Target target, ThreadsCpu gatewayThreads) throws IOException, InterruptedException {
        try {
            Process version = new ProcessBuilder(wrk, "-v").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            version.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UserInputException(INSTALL_HINT + " (" + e.getMessage() + ")");
        }
        Path script = Files.createTempFile("pool-bench-ingest-", ".lua");
        script.toFile().deleteOnExit();
        try (InputStream in = WrkLoad.class.getResourceAsStream("/bench/ingest-wrk.lua")) {
            if (in == null) {
                throw new IllegalStateException("bench/ingest-wrk.lua is missing from the jar");
            }
            Files.write(script, in.readAllBytes());
        }
        return new WrkLoad(wrk, threads, script, target, gatewayThreads);
    }

    /** Runs one phase to its end; progress lines go to stderr as they come. */
    PhaseResult run(Phase phase) throws IOException, InterruptedException {
        List<String> command = List.of(wrk, "-t" + threads, "-c" + Math.max(phase.connections(), threads),
                "-d" + phase.seconds() + "s", "--timeout", "30s", "-s", script.toString(), target.url(), "--",
                phase.path(), target.keyId(), target.secretHex(), Integer.toString(phase.batchSize()),
                phase.noncePrefix(), Integer.toString(phase.reportEverySeconds()));
        Optional<MachineCpu> cpuBefore = MachineCpu.now();
        ThreadsCpu.Snapshot gatewayBefore = gatewayThreads.snapshot();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String result = null;
        long lastSecond = -1;
        long lastAnswers = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("result ")) {
                    result = line;
                } else if (line.startsWith("first-failure ")) {
                    System.err.println(phase.name() + ": first non-2xx answer: " + line.substring("first-failure ".length()));
                } else if (line.startsWith("progress ")) {
                    String[] f = line.split(" ");
                    long second = Long.parseLong(f[1]);
                    long answers = Long.parseLong(f[2]);
                    if (lastSecond >= 0) {
                        System.err.printf(Locale.ROOT, "%s: %.0f answers/s over the last %d s, %s answers in all, %s non-2xx%n",
                                phase.name(), (answers - lastAnswers) / (double) (second - lastSecond), second - lastSecond,
                                f[2], f[3]);
                    }
                    lastSecond = second;
                    lastAnswers = answers;
                }
            }
        }
        if (!process.waitFor(phase.seconds() + EXTRA_WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + String.join("\n", output));
        }
        if (process.exitValue() != 0 || result == null) {
            throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "): " + String.join("\n", output));
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        double machineCpu = cpuBefore.flatMap(before -> MachineCpu.now().map(after -> after.busySecondsSince(before, wallSeconds)))
                .orElse(Double.NaN);
        return parse(phase, result, machineCpu, gatewayThreads.snapshot().secondsSince(gatewayBefore));
    }

    /** A result without the gateway's own CPU, as where the gateway runs in another process. */
    static PhaseResult parse(Phase phase, String result, double machineCpuSeconds) {
        return parse(phase, result, machineCpuSeconds, Double.NaN);
    }

    /**
     * @param machineCpuSeconds CPU seconds all processes used while wrk ran (NaN if unknown); the server's share is
     *                          that minus wrk's own, which the script reports
     * @param gatewayCpuSeconds CPU seconds of the gateway's own threads meanwhile (NaN if not in this JVM)
     */
    static PhaseResult parse(Phase phase, String result, double machineCpuSeconds, double gatewayCpuSeconds) {
        String[] f = result.split(" ");
        long requests = Long.parseLong(f[1]);
        double seconds = Long.parseLong(f[2]) / 1e6;
        long non2xx = Long.parseLong(f[5]);
        long socketErrors = Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]) + Long.parseLong(f[9]);
        long answered2xx = Math.max(0, requests - non2xx);
        double clientCpu = f.length > 10 ? Long.parseLong(f[10]) / 1e6 : Double.NaN;
        return new PhaseResult(phase.name(), phase.connections(), requests,
                answered2xx * Math.max(1, phase.batchSize()), non2xx, socketErrors, seconds,
                Long.parseLong(f[3]), Long.parseLong(f[4]), clientCpu, machineCpuSeconds - clientCpu, gatewayCpuSeconds);
    }
}
