package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.BoundarySource;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.ledger.streams.store.CountedJob;
import io.livepeerpool.ledger.streams.store.RoundDedupe;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.EpochMarker;
import io.livepeerpool.schemas.avro.EpochSubtotals;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import io.livepeerpool.schemas.avro.TranscoderWeight;
import io.livepeerpool.schemas.topics.JobKeys;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Jobs partition p and markers partition p, in one task and one processor: the jobs are counted where the gateway
 * wrote them (no repartition), and the NewRound marker closes the open epoch.
 *
 * <p><b>A job</b> is validated as the replay does and must sit on the partition its {@code orchestrator|jobId}
 * hashes to. Then the job rule ({@link RoundDedupe}: the round window with R = the round of this partition's last
 * marker, then once per id): a counted job is stored under its id with its epoch, transcoder and weight
 * ({@link JobWeight}) and added to the open epoch's subtotals; a refused job (late or future) goes to the refusals
 * topic, keyed by transcoder, each time it is posted, with its partition and offset; a duplicate is dropped. The
 * offset after the record is remembered: where the next epoch begins if the marker comes now.
 *
 * <p><b>The marker</b> of epoch e writes, in one transaction, the {@link EpochBoundary} (that offset: an export puts
 * every job where the live ledger put it, however jobs and markers happened to interleave) and the subtotals to the
 * barrier in chunks of at most {@value #CHUNK_LINES_MAX} transcoders (a record stays far below Kafka's 1 MB limit);
 * then the partition moves to epoch e + 1 and R to the marker's round, and forgets the ids below the window.
 *
 * <p>Why one processor and why the subtotals live in memory: they are a function of the counted-jobs store (the jobs
 * whose epoch is the open one), so they are rebuilt from it in {@link #init} (after every restore, also after a
 * crash) instead of being written to a store of their own, which cost a cached store write, a flush and a changelog
 * record per job. R and the epoch, read on every job, are fields for the same reason; only the two processors'
 * sharing them needed them in stores.
 *
 * <p>A job on a partition its key does not hash to stops the ledger: its copies could sit on two partitions and count
 * twice. So does a job that does not validate: the gateway validates before it writes, so this is a bug, and skipping
 * it would silently change someone's pay.
 */
public final class JobsPartitionProcessor extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {
    public static final int CHUNK_LINES_MAX = 2_000;

    private final JobWeight weights;
    private final int jobPartitions;
    private final int retainRounds;
    private final String refusalsSink;
    private final String barrierSink;
    private final String boundariesSink;
    private KeyValueStore<String, Long> epochStore;
    private KeyValueStore<String, Long> position;
    private RoundDedupe counted;
    /** The epochs this partition has closed (the number of markers). */
    private long closedEpoch;
    /** R: the round of this partition's last marker, empty before the first. */
    private OptionalLong currentRound;
    /** transcoder -> weight counted in the open epoch ({@code closedEpoch + 1}). */
    private Map<String, BigInteger> subtotals;

    public JobsPartitionProcessor(JobWeight weights, int jobPartitions, int retainRounds, String refusalsSink,
                                  String barrierSink, String boundariesSink) {
        this.weights = weights;
        this.jobPartitions = jobPartitions;
        this.retainRounds = retainRounds;
        this.refusalsSink = refusalsSink;
        this.barrierSink = barrierSink;
        this.boundariesSink = boundariesSink;
    }

    /** Runs after the stores are restored, and again whenever Streams revives the task: every field is reset. */
    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        epochStore = context.getStateStore(LedgerStores.JOBS_EPOCH);
        position = context.getStateStore(LedgerStores.JOBS_POSITION);
        counted = new RoundDedupe(context.getStateStore(LedgerStores.COUNTED_JOBS), retainRounds);
        Long epoch = epochStore.get(LedgerStores.EPOCH);
        closedEpoch = epoch == null ? 0 : epoch;
        Long round = epochStore.get(LedgerStores.ROUND);
        currentRound = round == null ? OptionalLong.empty() : OptionalLong.of(round);
        subtotals = counted.weightsOf(closedEpoch + 1);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        switch (record.value()) {
            case io.livepeerpool.schemas.avro.TranscoderJob job -> count(record.withValue(job));
            case LedgerJobEvent event when event.getEvent() instanceof EpochMarker marker -> close(marker,
                    record.timestamp());
            case null -> throw new IllegalStateException(Where.of(context()) + ": a record without a value");
            default -> throw new IllegalStateException(Where.of(context()) + ": unexpected record " + record.value());
        }
    }

    private void count(Record<String, io.livepeerpool.schemas.avro.TranscoderJob> record) {
        RecordMetadata where = context().recordMetadata().orElseThrow();
        position.put(LedgerStores.POSITION, where.offset() + 1);
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
        long openEpoch = closedEpoch + 1;
        BigInteger weight = weights.of(job);
        switch (counted.decide(job.dedupeKey(), job.roundJob(), currentRound,
                () -> new CountedJob(job.roundJob(), openEpoch, job.transcoder(), weight))) {
            case JobVerdict.Counted c -> subtotals.merge(job.transcoder(), weight, BigInteger::add);
            case JobVerdict.Duplicate duplicate -> {
                // counted before: nothing to do
            }
            case JobVerdict.Refused refused -> context().forward(new Record<String, SpecificRecord>(job.transcoder(),
                    new JobRefusal(job.orchestrator(), job.jobId(), job.transcoder(), job.roundJob(),
                            refused.reason().text(), refused.currentRound(), where.partition(), where.offset()),
                    record.timestamp()), refusalsSink);
        }
    }

    private void close(EpochMarker marker, long timestamp) {
        int partition = context().recordMetadata().orElseThrow().partition();
        if (marker.getEpoch() != closedEpoch + 1 || marker.getWeightPartitions() != jobPartitions
                || partition >= jobPartitions) {
            throw new IllegalStateException(Where.of(context()) + ": marker of epoch " + marker.getEpoch() + " for "
                    + marker.getWeightPartitions() + " partitions after epoch " + closedEpoch + ", running with "
                    + jobPartitions + " jobs partitions: markers reach every partition once and in order");
        }
        Long next = position.get(LedgerStores.POSITION);
        EpochBoundary boundary = BoundarySource.JOBS.boundary(marker.getEpoch(), marker.getRound(), partition,
                jobPartitions, next == null ? 0L : next);
        context().forward(new Record<String, SpecificRecord>(BoundarySource.JOBS.key(marker.getEpoch(), partition),
                boundary, timestamp), boundariesSink);
        List<List<TranscoderWeight>> chunks = LedgerRecords.chunks(WeightSubtotals.of(subtotals), CHUNK_LINES_MAX);
        for (int i = 0; i < chunks.size(); i++) {
            EpochSubtotals part = new EpochSubtotals(marker.getEpoch(), marker.getRound(), partition,
                    jobPartitions, i, chunks.size(), chunks.get(i));
            context().forward(new Record<String, SpecificRecord>(LedgerStores.POOL, new LedgerBarrierEvent(part),
                    timestamp), barrierSink);
        }
        epochStore.put(LedgerStores.EPOCH, marker.getEpoch());
        epochStore.put(LedgerStores.ROUND, marker.getRound());
        closedEpoch = marker.getEpoch();
        currentRound = OptionalLong.of(marker.getRound());
        subtotals.clear();
        counted.purge(marker.getRound());
    }
}
