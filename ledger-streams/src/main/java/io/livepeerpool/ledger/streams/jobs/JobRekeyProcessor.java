package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.schemas.avro.JobWeighed;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Jobs (keyed by transcoder) -> {@code JobWeighed} keyed by {@code orchestrator|jobId}, for the job-dedupe topic:
 * every copy of a job then reaches the same dedupe partition, whatever transcoder it names. The weight is computed
 * here ({@link JobWeight}, a pure function of the job) so that one record type serves both job topics.
 *
 * <p>A job that does not validate stops the ledger with the record's position: the gateway validates before it
 * writes, so this is a bug, and skipping it would silently change someone's pay.
 */
public final class JobRekeyProcessor extends ContextualProcessor<String, io.livepeerpool.schemas.avro.TranscoderJob,
        String, LedgerJobEvent> {
    private final JobWeight weights;

    public JobRekeyProcessor(JobWeight weights) {
        this.weights = weights;
    }

    @Override
    public void process(Record<String, io.livepeerpool.schemas.avro.TranscoderJob> record) {
        if (record.value() == null) {
            throw new IllegalStateException(Where.of(context()) + ": a job record without a value");
        }
        TranscoderJob job;
        try {
            job = LedgerRecords.job(record.value());
        } catch (RuntimeException e) {
            throw Where.problem(context(), "invalid job", e);
        }
        JobWeighed weighed = new JobWeighed(job.orchestrator(), job.jobId(), job.transcoder(), job.roundJob(),
                Amounts.toAvro(weights.of(job)));
        context().forward(record.withKey(job.dedupeKey()).withValue(new LedgerJobEvent(weighed)));
    }
}
