package io.livepeerpool.launcher.dev.simulate;

import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * What the simulated pool does, as pure decisions (a seeded random, no I/O): which transcoders exist, which one does
 * the next job and how long it takes, and the ticket economics. Kept apart from the HTTP and chain calls so the plan
 * itself can be tested.
 */
public final class SimulationPlan {
    /** A 2 s segment at 1080p30 + 720p30 + 360p30: the pixels a broadcaster pays for. */
    public static final long PIXELS_PER_JOB = 2L * 30 * (1920L * 1080 + 1280L * 720 + 640L * 360);
    public static final int PROFILES = 3;

    private final List<SimulatedTranscoder> transcoders;
    private final Random random;

    public SimulationPlan(List<SimulatedTranscoder> transcoders, long seed) {
        if (transcoders.isEmpty()) {
            throw new IllegalArgumentException("a simulation needs at least one transcoder");
        }
        this.transcoders = List.copyOf(transcoders);
        this.random = new Random(seed);
    }

    /** Five members: three good GPUs, one borderline, and one that turns slow after {@code slowAfter}. */
    public static SimulationPlan standard(Duration slowAfter, long seed) {
        return new SimulationPlan(List.of(
                new SimulatedTranscoder("rtx-4090", "0x5100000000000000000000000000000000000001", 150, 12, 900, 500, "NVIDIA RTX 4090", 180, null, 0),
                new SimulatedTranscoder("rtx-3080", "0x5100000000000000000000000000000000000002", 250, 20, 500, 300, "NVIDIA RTX 3080", 260, null, 0),
                new SimulatedTranscoder("a4000", "0x5100000000000000000000000000000000000003", 300, 25, 300, 200, "NVIDIA RTX A4000", 320, null, 0),
                new SimulatedTranscoder("gtx-1070", "0x5100000000000000000000000000000000000004", 600, 60, 100, 50, "NVIDIA GTX 1070", 520, null, 0),
                new SimulatedTranscoder("drifting-t4", "0x5100000000000000000000000000000000000005", 280, 30, 400, 200, "NVIDIA T4", 300, slowAfter, 1400)),
                seed);
    }

    public List<SimulatedTranscoder> transcoders() {
        return transcoders;
    }

    /** The next job: who did it and its timings (download, transcode, upload ms) at {@code elapsed} into the run. */
    public Job nextJob(long sequence, Duration elapsed) {
        SimulatedTranscoder t = transcoders.get(random.nextInt(transcoders.size()));
        int jitter = random.nextInt(40);
        int transcode = t.transcodeMs() + jitter + (t.slowAt(elapsed) ? t.slowByMs() : 0);
        int download = t.latencyMs() + 8 + random.nextInt(10);
        int upload = t.latencyMs() + 5 + random.nextInt(10);
        return new Job("sim-" + sequence, t.address(), PIXELS_PER_JOB, 2000, PROFILES, download, transcode, upload);
    }

    /** The winProb of a ticket that wins once in {@code oneIn} draws (the contract's win check: hash < winProb). */
    public static BigInteger winProb(int oneIn) {
        return Uint256.MAX.divide(BigInteger.valueOf(oneIn));
    }

    public record Job(String jobId, String transcoder, long pixels, long durationMs, int profiles, int downloadMs,
                      int transcodeMs, int uploadMs) {
        public int totalMs() {
            return downloadMs + transcodeMs + uploadMs;
        }
    }
}
