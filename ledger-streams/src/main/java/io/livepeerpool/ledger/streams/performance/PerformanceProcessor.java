package io.livepeerpool.ledger.streams.performance;

import io.livepeerpool.protocol.performance.LatencyLimit;
import io.livepeerpool.protocol.performance.LatencyWindow;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import io.livepeerpool.schemas.avro.TranscoderStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transcoder's status and latency window, per key (the lowercase transcoder address). A registration sets the
 * status from its recorded decision and empties the window; a job with phase times adds its total to the window and
 * emits the new figures, excluding the transcoder when its p95 goes over the limit. Latency is watched from a
 * transcoder's registration on: jobs of a transcoder that never registered are left out (it has no status to
 * change). Jobs without phase times change nothing here (the ledger still counts every job, excluded or not).
 */
final class PerformanceProcessor implements Processor<String, SpecificRecord, String, TranscoderStatus> {
    private static final Logger log = LoggerFactory.getLogger(PerformanceProcessor.class);

    private final int windowJobs;
    private final LatencyLimit limit;
    private ProcessorContext<String, TranscoderStatus> context;
    private KeyValueStore<String, TranscoderStatus> statuses;
    private KeyValueStore<String, List<Long>> windows;

    PerformanceProcessor(int windowJobs, LatencyLimit limit) {
        this.windowJobs = windowJobs;
        this.limit = limit;
    }

    @Override
    public void init(ProcessorContext<String, TranscoderStatus> context) {
        this.context = context;
        this.statuses = context.getStateStore(PerformanceTopology.STATUS_STORE);
        this.windows = context.getStateStore(PerformanceTopology.WINDOW_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        switch (record.value()) {
            case TranscoderRegistration r -> registered(record, r);
            case TranscoderJob job -> job(record, job);
            default -> throw new IllegalStateException("unexpected input " + record.value().getClass());
        }
    }

    private void registered(Record<String, SpecificRecord> record, TranscoderRegistration r) {
        TranscoderStatus status = StatusChange.registered(r);
        statuses.put(r.getTranscoder(), status);
        windows.delete(r.getTranscoder());
        log.info("transcoder {} registered: {} with {} session(s)", r.getTranscoder(), status.getStatus(),
                status.getMaxSessions());
        context.forward(record.withKey(r.getTranscoder()).withValue(status));
    }

    private void job(Record<String, SpecificRecord> record, TranscoderJob job) {
        if (job.getDownloadMs() == null || job.getTranscodeMs() == null || job.getUploadMs() == null) {
            return;
        }
        TranscoderStatus previous = statuses.get(job.getTranscoder());
        if (previous == null) {
            return;
        }
        if (job.getDownloadMs() < 0 || job.getTranscodeMs() < 0 || job.getUploadMs() < 0) {
            // the gateway refuses these; a record from elsewhere is skipped, not allowed to stop the topology
            log.warn("skipped job {} of {} with a negative phase time (topic {}, partition {}, offset {})",
                    job.getJobId(), job.getTranscoder(), context.recordMetadata().map(m -> m.topic()).orElse("?"),
                    context.recordMetadata().map(m -> m.partition()).orElse(-1),
                    context.recordMetadata().map(m -> m.offset()).orElse(-1L));
            return;
        }
        long total = LatencyWindow.total(job.getDownloadMs(), job.getTranscodeMs(), job.getUploadMs());
        List<Long> stored = windows.get(job.getTranscoder());
        LatencyWindow window = LatencyWindow.restore(windowJobs, stored == null ? List.of() : stored).add(total);
        windows.put(job.getTranscoder(), new ArrayList<>(window.totalsMs()));
        TranscoderStatus next = StatusChange.afterJob(previous, window.figures(), limit, job.getReceivedAt());
        statuses.put(job.getTranscoder(), next);
        if (StatusChange.EXCLUDED.equals(next.getCause())) {
            log.info("transcoder {} excluded: {}", job.getTranscoder(), next.getReason());
        }
        context.forward(record.withKey(job.getTranscoder()).withValue(next));
    }
}
