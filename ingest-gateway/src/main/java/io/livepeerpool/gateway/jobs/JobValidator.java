package io.livepeerpool.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.validation.Fields;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.json.DurationSeconds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for a job, for {@code POST /recordTranscoderJob} ({@code {"jobDetails": {...}}}) and
 * {@code POST /recordTranscoderJobs} ({@code {"jobs": [...]}}, 1 to {@link #BATCH_MAX} jobs, all valid or none
 * accepted). Problems name the full path: {@code jobDetails.pixels}, {@code jobs[3].pixels}.
 */
public final class JobValidator {
    public static final int BATCH_MAX = 1000;
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> JOB_FIELDS = Set.of("jobId", "transcoder", "pixels", "duration", "profiles", "roundJob", "faceValue");
    private static final int PROFILES_MAX = 64;

    public Validated<JobDetails> single(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        Fields root = Fields.of(body, "", problems);
        root.rejectUnknown(Set.of("jobDetails"));
        JobDetails job = job(root.node("jobDetails", true), "jobDetails", problems);
        return problems.isEmpty() ? Validated.valid(job) : Validated.invalid(problems);
    }

    public Validated<List<JobDetails>> batch(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        Fields root = Fields.of(body, "", problems);
        root.rejectUnknown(Set.of("jobs"));
        JsonNode jobs = root.node("jobs", true);
        if (jobs != null && (!jobs.isArray() || jobs.isEmpty() || jobs.size() > BATCH_MAX)) {
            problems.add(new Problem("jobs", "must be an array of 1 to " + BATCH_MAX + " jobs"));
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        List<JobDetails> valid = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            JobDetails job = job(jobs.get(i), "jobs[" + i + "]", problems);
            if (job != null) {
                valid.add(job);
            }
        }
        return problems.isEmpty() ? Validated.valid(valid) : Validated.invalid(problems);
    }

    /** The job at {@code path}, or null with its problems recorded. */
    JobDetails job(JsonNode node, String path, List<Problem> problems) {
        if (node == null) {
            return null; // the caller recorded that it is missing
        }
        int before = problems.size();
        Fields f = Fields.of(node, path, problems);
        if (!f.isObject()) {
            return null;
        }
        f.rejectUnknown(JOB_FIELDS);
        String jobId = f.string("jobId", true, JOB_ID, "must be 1-128 of [A-Za-z0-9._:-]");
        Address transcoder = f.address("transcoder");
        Long pixels = f.integer("pixels", true, 0, Long.MAX_VALUE);
        Long durationMs = durationMs(f);
        Long profiles = f.integer("profiles", true, 1, PROFILES_MAX);
        Long roundJob = f.integer("roundJob", true, 0, Long.MAX_VALUE);
        BigInteger faceValue = f.uint256("faceValue", false, BigInteger.ZERO);
        if (problems.size() > before) {
            return null;
        }
        return new JobDetails(jobId, transcoder, pixels, durationMs, profiles.intValue(), roundJob, faceValue);
    }

    private static Long durationMs(Fields f) {
        JsonNode node = f.node("duration", true);
        if (node == null) {
            return null;
        }
        DurationSeconds.Result result = DurationSeconds.toMillis(node);
        if (result.problem() != null) {
            f.problem("duration", result.problem());
        }
        return result.millis();
    }
}
