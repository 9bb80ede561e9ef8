package io.livepeerpool.launcher.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Request bodies for the ingest benchmark: typical jobs (2 s, 3 renditions) over a fixed set of transcoders. */
final class JobBodies {
    private static final int TRANSCODERS = 1_000;
    private final String runId;

    JobBodies(String runId) {
        this.runId = runId;
    }

    String job(int worker, long sequence, int index) {
        String transcoder = String.format(Locale.ROOT, "0x%040x", 0x1000 + (worker * 7919L + sequence * 31 + index) % TRANSCODERS);
        return "{\"jobId\":\"bench-" + runId + "-" + worker + "-" + sequence + "-" + index + "\",\"transcoder\":\""
                + transcoder + "\",\"pixels\":75254400,\"duration\":\"2.0\",\"profiles\":3,\"roundJob\":1}";
    }

    byte[] single(int worker, long sequence) {
        return ("{\"jobDetails\":" + job(worker, sequence, 0) + "}").getBytes(StandardCharsets.UTF_8);
    }

    byte[] batch(int worker, long sequence, int size) {
        StringBuilder body = new StringBuilder(size * 200).append("{\"jobs\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(job(worker, sequence, i));
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
