package io.livepeerpool.gateway.jobs;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.gateway.http.HttpMetrics;
import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.http.SignedRequests;
import java.util.List;

/** {@code POST /recordTranscoderJob} and {@code POST /recordTranscoderJobs}: 202 once Kafka acknowledged. */
public final class JobEndpoints {
    private final SignedRequests signed;
    private final JobValidator validator;
    private final JobPublisher publisher;
    private final HttpMetrics metrics;

    public JobEndpoints(SignedRequests signed, JobValidator validator, JobPublisher publisher, HttpMetrics metrics) {
        this.signed = signed;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public void recordTranscoderJob(Context ctx) {
        SignedRequest request = signed.read(ctx);
        JobDetails job = validator.single(request.body()).orElseThrow(ApiError::invalid);
        publisher.publish(request, job);
        metrics.jobsAccepted(1);
        ctx.status(202).json(new JobAccepted("accepted", job.jobId()));
    }

    public void recordTranscoderJobs(Context ctx) {
        SignedRequest request = signed.read(ctx);
        List<JobDetails> jobs = validator.batch(request.body()).orElseThrow(ApiError::invalid);
        publisher.publishAll(request, jobs);
        metrics.jobsAccepted(jobs.size());
        ctx.status(202).json(new JobsAccepted("accepted", jobs.size(), jobs.stream().map(JobDetails::jobId).toList()));
    }

    /** {@code 202} body of {@code /recordTranscoderJob}. */
    record JobAccepted(String status, String jobId) {
    }

    /** {@code 202} body of {@code /recordTranscoderJobs}. */
    record JobsAccepted(String status, int count, List<String> jobIds) {
    }
}
