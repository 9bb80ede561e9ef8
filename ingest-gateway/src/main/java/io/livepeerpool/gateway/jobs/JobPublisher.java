package io.livepeerpool.gateway.jobs;

import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.kafka.AckedProducer;
import io.livepeerpool.gateway.kafka.RecordEncoder;
import io.livepeerpool.gateway.kafka.TransactionalProducers;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.JobKeys;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes accepted jobs to the transcoder-jobs topic, keyed by {@code orchestrator|jobId} ({@link JobKeys}: every copy
 * of a job on one partition, where the ledger dedupes it in one stage), and returns only once Kafka acknowledged
 * them: a single job through the shared idempotent producer, a batch in one transaction (its jobs span partitions;
 * the transaction keeps it all or nothing).
 */
public final class JobPublisher {
    private final AckedProducer single;
    private final TransactionalProducers batches;
    private final RecordEncoder<TranscoderJob> encoder;

    public JobPublisher(AckedProducer single, TransactionalProducers batches, RecordEncoder<TranscoderJob> encoder) {
        this.single = single;
        this.batches = batches;
        this.encoder = encoder;
    }

    public void publish(SignedRequest request, JobDetails job) {
        single.send(record(request, job));
    }

    /** All or nothing: {@code read_committed} consumers see every job of the batch or none. */
    public void publishAll(SignedRequest request, List<JobDetails> jobs) {
        batches.sendAtomically(jobs.stream().map(job -> record(request, job)).toList());
    }

    private ProducerRecord<String, byte[]> record(SignedRequest request, JobDetails job) {
        return encoder.record(JobKeys.of(request.key().orchestrator().hex(), job.jobId()), toAvro(request, job));
    }

    static TranscoderJob toAvro(SignedRequest request, JobDetails job) {
        return TranscoderJob.newBuilder()
                .setRequestId(request.requestId())
                .setOrchestrator(request.key().orchestrator().hex())
                .setKeyId(request.key().keyId())
                .setReceivedAt(request.receivedAt())
                .setJobId(job.jobId())
                .setTranscoder(job.transcoder().hex())
                .setPixels(job.pixels())
                .setDurationMs(job.durationMs())
                .setProfiles(job.profiles())
                .setRoundJob(job.roundJob())
                .setFaceValue(new BigDecimal(job.faceValueWei()))
                .setDownloadMs(job.phases() == null ? null : job.phases().downloadMs())
                .setTranscodeMs(job.phases() == null ? null : job.phases().transcodeMs())
                .setUploadMs(job.phases() == null ? null : job.phases().uploadMs())
                .build();
    }
}
