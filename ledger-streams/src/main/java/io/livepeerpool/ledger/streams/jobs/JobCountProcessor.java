package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.topics.JobKeys;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One partition of the jobs topic, read where the gateway wrote it (no repartition): validates each job as the replay
 * does, applies the job rule ({@link JobDedupe}: the round window with R = the round of this partition's last marker,
 * then once per {@code orchestrator|jobId}) and adds a counted job's weight ({@link JobWeight}) to its transcoder's
 * subtotal for the partition's open epoch. A refused job (late or future) goes to the refusals topic, keyed by
 * transcoder, each time it is posted, with the post's partition and offset; a duplicate is dropped. It also remembers the offset after the record, so that
 * {@link EpochCloseProcessor} can record where the next epoch begins. Counted jobs are not forwarded: the subtotals
 * leave at the marker.
 *
 * <p>A job on a partition its {@code orchestrator|jobId} does not hash to stops the ledger: its copies could sit on
 * two partitions and count twice. So does a job that does not validate: the gateway validates before it writes, so
 * this is a bug, and skipping it would silently change someone's pay.
 */
public final class JobCountProcessor extends ContextualProcessor<String, io.livepeerpool.schemas.avro.TranscoderJob,
        String, JobRefusal> {
    private final JobWeight weights;
    private final int jobPartitions;
    private final int retainRounds;
    private final String refusalsSink;
    private KeyValueStore<String, BigInteger> subtotals;
    private KeyValueStore<String, Long> epochStore;
    private KeyValueStore<String, Long> position;
    private JobDedupe dedupe;

    public JobCountProcessor(JobWeight weights, int jobPartitions, int retainRounds, String refusalsSink) {
        this.weights = weights;
        this.jobPartitions = jobPartitions;
        this.retainRounds = retainRounds;
        this.refusalsSink = refusalsSink;
    }

    @Override
    public void init(ProcessorContext<String, JobRefusal> context) {
        super.init(context);
        subtotals = context.getStateStore(LedgerStores.EPOCH_WEIGHTS);
        epochStore = context.getStateStore(LedgerStores.JOBS_EPOCH);
        position = context.getStateStore(LedgerStores.JOBS_POSITION);
        dedupe = new JobDedupe(context, retainRounds);
    }

    @Override
    public void process(Record<String, io.livepeerpool.schemas.avro.TranscoderJob> record) {
        RecordMetadata where = context().recordMetadata().orElseThrow();
        position.put(LedgerStores.POSITION, where.offset() + 1);
        if (record.value() == null) {
            throw new IllegalStateException(Where.of(context()) + ": a job record without a value");
        }
        TranscoderJob job;
        try {
            job = LedgerRecords.job(record.value());
        } catch (RuntimeException e) {
            throw Where.problem(context(), "invalid job", e);
        }
        int expected = JobKeys.partitionOf(job.orchestrator(), job.jobId(), jobPartitions);
        if (where.partition() != expected) {
            throw new IllegalStateException(Where.of(context()) + ": job " + job.dedupeKey() + " belongs on partition "
                    + expected + " of " + jobPartitions + " (key orchestrator|jobId): its copies could count twice");
        }
        switch (dedupe.decide(job, currentRound())) {
            case JobVerdict.Counted counted -> {
                BigInteger weight = weights.of(job);
                BigInteger before = subtotals.get(job.transcoder());
                subtotals.put(job.transcoder(), before == null ? weight : before.add(weight));
            }
            case JobVerdict.Duplicate duplicate -> {
                // counted before: nothing to do
            }
            case JobVerdict.Refused refused -> context().forward(new Record<>(job.transcoder(),
                    new JobRefusal(job.orchestrator(), job.jobId(), job.transcoder(), job.roundJob(),
                            refused.reason().text(), refused.currentRound(), where.partition(), where.offset()),
                    record.timestamp()), refusalsSink);
        }
    }

    /** R: the round of this partition's last marker, empty before the first. */
    private OptionalLong currentRound() {
        Long round = epochStore.get(LedgerStores.ROUND);
        return round == null ? OptionalLong.empty() : OptionalLong.of(round);
    }
}
