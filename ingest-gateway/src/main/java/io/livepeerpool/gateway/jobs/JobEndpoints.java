package io.livepeerpool.gateway.jobs;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.gateway.http.HttpMetrics;
import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.http.SignedRequests;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /recordTranscoderJob} and {@code POST /recordTranscoderJobs}: 202 once Kafka acknowledged; 400 for a
 * job the validator refuses, the ledger's round window included when the current round is known.
 */
public final class JobEndpoints {
    private static final Logger log = LoggerFactory.getLogger(JobEndpoints.class);
    private final SignedRequests signed;
    private final JobValidator validator;
    private final JobPublisher publisher;
    private final HttpMetrics metrics;
    private final CurrentRound currentRound;
    private final AcceptedJobsLog accepted;

    public JobEndpoints(SignedRequests signed, JobValidator validator, JobPublisher publisher, HttpMetrics metrics,
                        CurrentRound currentRound, AcceptedJobsLog accepted) {
        this.signed = signed;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.currentRound = currentRound;
        this.accepted = accepted;
    }

    public void recordTranscoderJob(Context ctx) {
        SignedRequest request = signed.read(ctx);
        JobDetails job = validator.single(request.body(), currentRound.get()).orElseThrow(ApiError::invalid);
        publisher.publish(request, job);
        metrics.jobsAccepted(1);
        accepted.accepted(1);
        log.debug("accepted job {} of {} from {} (key {})", job.jobId(), job.transcoder(), request.key().orchestrator(),
                request.key().keyId());
        ctx.status(202).json(new JobAccepted("accepted", job.jobId()));
    }

    public void recordTranscoderJobs(Context ctx) {
        SignedRequest request = signed.read(ctx);
        List<JobDetails> jobs = validator.batch(request.body(), currentRound.get()).orElseThrow(ApiError::invalid);
        publisher.publishAll(request, jobs);
        metrics.jobsAccepted(jobs.size());
        accepted.accepted(jobs.size());
        log.debug("accepted {} jobs from {} (key {})", jobs.size(), request.key().orchestrator(), request.key().keyId());
        ctx.status(202).json(new JobsAccepted("accepted", jobs.size(), jobs.stream().map(JobDetails::jobId).toList()));
    }

    /** {@code 202} body of {@code /recordTranscoderJob}. */
    record JobAccepted(String status, String jobId) {
    }

    /** {@code 202} body of {@code /recordTranscoderJobs}. */
    record JobsAccepted(String status, int count, List<String> jobIds) {
    }
}
