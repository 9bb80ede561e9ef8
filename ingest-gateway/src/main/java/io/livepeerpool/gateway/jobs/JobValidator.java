package io.livepeerpool.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.validation.CharShape;
import io.livepeerpool.gateway.validation.Fields;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.rounds.RoundWindow;
import io.livepeerpool.schemas.json.DurationSeconds;
import io.livepeerpool.schemas.rounds.RoundWindowKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rules for a job, for {@code POST /recordTranscoderJob} ({@code {"jobDetails": {...}}}) and
 * {@code POST /recordTranscoderJobs} ({@code {"jobs": [...]}}, 1 to {@link #BATCH_MAX} jobs, all valid or none
 * accepted). Problems name the full path: {@code jobDetails.pixels}, {@code jobs[3].pixels}.
 *
 * <p>Plausible work: {@code profiles} counts the renditions a segment was transcoded into and {@code pixels} is the
 * total of their output pixels (width x height x frames, summed over the renditions), so no rendition can add more
 * than {@code duration x maxPixelsPerSecondPerProfile}. A job claiming more is refused:
 * {@code pixels x 1000 <= durationMs x profiles x maxPixelsPerSecondPerProfile}, in exact integers. Without it one job
 * could claim a whole round's revenue (pixels weigh most in a job's share).
 *
 * <p>Optional phase times {@code downloadMs}, {@code transcodeMs}, {@code uploadMs}: JSON integers >= 0, all three or
 * none.
 *
 * <p>Round window: when the current round R is known, a {@code roundJob} the ledger would refuse ({@link RoundWindow}:
 * below {@code R - retainRounds}, late, or above {@code R + 1}, future) is refused here too, naming {@code roundJob}.
 * It is an early answer, not the decision: R comes from the chain and may be a round ahead of or behind the ledger's.
 */
public final class JobValidator {
    public static final int BATCH_MAX = 1000;
    /** 3840 x 2160 at 60 frames per second (4K60): above any rendition a Livepeer transcoder is commonly asked for. */
    public static final long MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT = 3840L * 2160 * 60;
    private static final CharShape JOB_ID = new CharShape("AZaz09..::--__", 1, 128);
    private static final Set<String> JOB_FIELDS = Set.of("jobId", "transcoder", "pixels", "duration", "profiles", "roundJob",
            "faceValue", "downloadMs", "transcodeMs", "uploadMs");
    private static final List<String> PHASE_FIELDS = List.of("downloadMs", "transcodeMs", "uploadMs");
    private static final int PROFILES_MAX = 64;
    private static final BigInteger MILLIS_PER_SECOND = BigInteger.valueOf(1000);

    private final BigInteger maxPixelsPerSecondPerProfile;
    private final int retainRounds;

    /** With the ledger's default round window. */
    public JobValidator(long maxPixelsPerSecondPerProfile) {
        this(maxPixelsPerSecondPerProfile, RoundWindow.RETAIN_ROUNDS_DEFAULT);
    }

    /**
     * @param maxPixelsPerSecondPerProfile the most pixels one rendition can produce per second of video
     * @param retainRounds                 the ledger's {@code ledger.dedupe.retainRounds}
     */
    public JobValidator(long maxPixelsPerSecondPerProfile, int retainRounds) {
        if (maxPixelsPerSecondPerProfile < 1) {
            throw new IllegalArgumentException("maxPixelsPerSecondPerProfile must be positive");
        }
        if (retainRounds < 0 || retainRounds > RoundWindow.RETAIN_ROUNDS_MAX) {
            throw new IllegalArgumentException("retainRounds must be between 0 and " + RoundWindow.RETAIN_ROUNDS_MAX);
        }
        this.maxPixelsPerSecondPerProfile = BigInteger.valueOf(maxPixelsPerSecondPerProfile);
        this.retainRounds = retainRounds;
    }

    /** Without a known round: the round window is not applied. */
    public Validated<JobDetails> single(JsonNode body) {
        return single(body, OptionalLong.empty());
    }

    /** @param currentRound R, the round of the last NewRound as far as the gateway knows; empty when unknown */
    public Validated<JobDetails> single(JsonNode body, OptionalLong currentRound) {
        List<Problem> problems = new ArrayList<>();
        Fields root = Fields.of(body, "", problems);
        root.rejectUnknown(Set.of("jobDetails"));
        JobDetails job = job(root.node("jobDetails", true), "jobDetails", currentRound, problems);
        return problems.isEmpty() ? Validated.valid(job) : Validated.invalid(problems);
    }

    /** Without a known round: the round window is not applied. */
    public Validated<List<JobDetails>> batch(JsonNode body) {
        return batch(body, OptionalLong.empty());
    }

    /** One R for the whole batch, so that its jobs are judged alike; one refused job refuses the batch. */
    public Validated<List<JobDetails>> batch(JsonNode body, OptionalLong currentRound) {
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
            JobDetails job = job(jobs.get(i), "jobs[" + i + "]", currentRound, problems);
            if (job != null) {
                valid.add(job);
            }
        }
        return problems.isEmpty() ? Validated.valid(valid) : Validated.invalid(problems);
    }

    /** The job at {@code path}, or null with its problems recorded. */
    JobDetails job(JsonNode node, String path, OptionalLong currentRound, List<Problem> problems) {
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
        Long pixels = f.integer("pixels", true, 0, Fields.INTEGER_MAX);
        Long durationMs = durationMs(f);
        Long profiles = f.integer("profiles", true, 1, PROFILES_MAX);
        Long roundJob = f.integer("roundJob", true, 0, Fields.INTEGER_MAX);
        if (roundJob != null) {
            requireInWindow(f, roundJob, currentRound);
        }
        BigInteger faceValue = f.uint256("faceValue", false, BigInteger.ZERO);
        PhaseTimes phases = phases(f);
        if (pixels != null && durationMs != null && profiles != null) {
            requirePlausible(f, pixels, durationMs, profiles);
        }
        if (problems.size() > before) {
            return null;
        }
        return new JobDetails(jobId, transcoder, pixels, durationMs, profiles.intValue(), roundJob, faceValue, phases);
    }

    /**
     * The optional phase times: all three or none, since the performance topology watches their total (a job with
     * one phase missing would look faster than it was). A missing one is named when another is given.
     */
    private static PhaseTimes phases(Fields f) {
        boolean any = false;
        for (String name : PHASE_FIELDS) {
            any |= f.node(name, false) != null;
        }
        if (!any) {
            return null;
        }
        Long download = f.integer("downloadMs", false, 0, Fields.INTEGER_MAX);
        Long transcode = f.integer("transcodeMs", false, 0, Fields.INTEGER_MAX);
        Long upload = f.integer("uploadMs", false, 0, Fields.INTEGER_MAX);
        for (String name : PHASE_FIELDS) {
            if (f.node(name, false) == null) {
                f.problem(name, "is required when any of downloadMs, transcodeMs, uploadMs is given (the three come together)");
            }
        }
        if (download == null || transcode == null || upload == null) {
            return null;
        }
        return new PhaseTimes(download, transcode, upload);
    }

    private void requirePlausible(Fields f, long pixels, long durationMs, long profiles) {
        BigInteger most = BigInteger.valueOf(durationMs).multiply(BigInteger.valueOf(profiles))
                .multiply(maxPixelsPerSecondPerProfile).divide(MILLIS_PER_SECOND);
        if (BigInteger.valueOf(pixels).compareTo(most) > 0) {
            f.problem("pixels", "must be at most duration x profiles x " + maxPixelsPerSecondPerProfile
                    + " pixels per second per profile (" + most + " for this job)");
        }
    }

    /** The ledger's round rule, with the numbers that decided it in the message. */
    private void requireInWindow(Fields f, long roundJob, OptionalLong currentRound) {
        RoundWindow.refusal(roundJob, currentRound, retainRounds).ifPresent(refusal -> {
            long r = currentRound.getAsLong();
            f.problem("roundJob", switch (refusal) {
                case LATE -> roundJob + " is below the current round " + r + " minus " + RoundWindowKeys.RETAIN_ROUNDS.name()
                        + " " + retainRounds + ": the ledger would refuse it as late";
                case FUTURE -> roundJob + " is above the current round " + r + " plus 1: the ledger would refuse it as"
                        + " future";
            });
        });
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
