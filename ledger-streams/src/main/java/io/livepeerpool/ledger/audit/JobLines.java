package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.replay.JsonLine;
import io.livepeerpool.schemas.avro.TranscoderJob;
import java.math.BigDecimal;
import java.util.List;

/**
 * A job record -> {@code {"type":"job",...}}. The values are written as recorded (the replay validates them as the
 * live ledger did); the duration goes back to seconds exactly, as a decimal string ({@code 2000 ms -> "2"}).
 */
public final class JobLines implements LineWriter<TranscoderJob> {
    @Override
    public List<String> lines(TranscoderJob job) {
        return List.of(JsonLine.of(json -> {
            json.writeStringField("type", "job");
            json.writeStringField("orchestrator", job.getOrchestrator());
            json.writeStringField("jobId", job.getJobId());
            json.writeStringField("transcoder", job.getTranscoder());
            json.writeNumberField("pixels", job.getPixels());
            json.writeStringField("duration", BigDecimal.valueOf(job.getDurationMs(), 3).stripTrailingZeros()
                    .toPlainString());
            json.writeNumberField("profiles", job.getProfiles());
            json.writeNumberField("roundJob", job.getRoundJob());
        }));
    }
}
