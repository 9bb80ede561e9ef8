package io.livepeerpool.launcher.dev.simulate;

import java.time.Duration;

/**
 * One GPU of the simulated pool: what it reports at registration, and how long its jobs take. {@code slowAfter}, when
 * set, is when it starts to lag (a thermal throttle, a neighbour on the link): its transcode time jumps by
 * {@code slowByMs}, so the latency watch excludes it.
 *
 * @param realtimeRatio transcode time / segment duration over the pool's ladder, in thousandths (500 = 0.5)
 */
public record SimulatedTranscoder(String name, String address, int realtimeRatio, int latencyMs, int downloadMbps,
                                  int uploadMbps, String gpu, int transcodeMs, Duration slowAfter, int slowByMs) {

    public boolean slowAt(Duration elapsed) {
        return slowAfter != null && elapsed.compareTo(slowAfter) >= 0;
    }
}
