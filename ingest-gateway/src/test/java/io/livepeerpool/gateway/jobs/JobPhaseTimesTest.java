package io.livepeerpool.gateway.jobs;

import static io.livepeerpool.gateway.jobs.JobValidatorTest.job;
import static io.livepeerpool.gateway.jobs.JobValidatorTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optional phase times of a job: integers >= 0, all three or none. */
class JobPhaseTimesTest {
    final JobValidator validator = new JobValidator(JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT);

    @Test
    void absentPhaseTimesGiveNone() {
        assertThat(validator.single(single(job())).value().phases()).isNull();
    }

    @Test
    void allThreeAreKept() {
        ObjectNode job = job();
        job.put("downloadMs", 120);
        job.put("transcodeMs", 0);
        job.put("uploadMs", 80);
        assertThat(validator.single(single(job)).value().phases()).isEqualTo(new PhaseTimes(120, 0, 80));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "downloadMs  | -1",
            "transcodeMs | 1.5",
            "uploadMs    | \"100\"",
            "downloadMs  | 9007199254740992"})
    void aBadPhaseTimeIsNamed(String field, String json) throws Exception {
        ObjectNode job = job();
        job.put("downloadMs", 1);
        job.put("transcodeMs", 1);
        job.put("uploadMs", 1);
        job.set(field, JobValidatorTest.parse(json));
        Validated<JobDetails> result = validator.single(single(job));
        assertThat(result.problems()).extracting(Problem::field).containsExactly("jobDetails." + field);
    }

    @Test
    void oneWithoutTheOthersNamesTheMissingOnes() {
        ObjectNode job = job();
        job.put("transcodeMs", 300);
        assertThat(validator.single(single(job)).problems()).extracting(Problem::field)
                .containsExactly("jobDetails.downloadMs", "jobDetails.uploadMs");
    }
}
