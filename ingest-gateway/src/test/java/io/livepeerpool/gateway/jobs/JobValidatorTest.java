package io.livepeerpool.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobValidatorTest {
    static final String TRANSCODER = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    final JobValidator validator = new JobValidator(JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT);

    static ObjectNode job() {
        ObjectNode job = Json.mapper().createObjectNode();
        job.put("jobId", "job-1");
        job.put("transcoder", TRANSCODER);
        job.put("pixels", 1_000_000);
        job.put("duration", "2.5");
        job.put("profiles", 3);
        job.put("roundJob", 3500);
        job.put("faceValue", "1000000000000000000");
        return job;
    }

    static JsonNode single(JsonNode job) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("jobDetails", job);
        return body;
    }

    static JsonNode parse(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void aCompleteJobIsValid() {
        JobDetails job = validator.single(single(job())).value();

        assertThat(job).isEqualTo(new JobDetails("job-1", Address.parse(TRANSCODER.toLowerCase()), 1_000_000, 2500, 3, 3500,
                new BigInteger("1000000000000000000")));
    }

    @Test
    void faceValueDefaultsToZeroAndTakesIntegersAndTheLargestUint256() {
        ObjectNode job = job();
        job.remove("faceValue");
        assertThat(validator.single(single(job)).value().faceValueWei()).isZero();

        job.put("faceValue", 12345);
        assertThat(validator.single(single(job)).value().faceValueWei()).isEqualTo(12345);

        String max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();
        job.put("faceValue", max);
        assertThat(validator.single(single(job)).value().faceValueWei()).isEqualTo(new BigInteger(max));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "jobId      | \"\"                                              | must be 1-128",
            "jobId      | \"has space\"                                     | must be 1-128",
            "jobId      | 7                                               | must be a string",
            "transcoder | \"0x123\"                                         | 0x followed by 40 hex",
            "transcoder | \"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\"    | EIP-55",
            "pixels     | -1                                              | between 0 and",
            "pixels     | 1.5                                             | must be an integer",
            "pixels     | \"100\"                                           | must be an integer",
            "pixels     | 9223372036854775808                             | between 0 and",
            "pixels     | 9007199254740992                                | between 0 and 9007199254740991",
            "pixels     | 7500000001                                      | at most duration x profiles x 497664000",
            "roundJob   | 9007199254740992                                | between 0 and 9007199254740991",
            "duration   | 0                                               | greater than 0",
            "duration   | 2.0005                                          | at most 3 decimals",
            "profiles   | 0                                               | between 1 and 64",
            "profiles   | 65                                              | between 1 and 64",
            "roundJob   | -1                                              | between 0 and",
            "faceValue  | -1                                              | 2^256-1",
            "faceValue  | \"1.5\"                                           | 2^256-1",
            "faceValue  | 1e18                                            | 2^256-1",
            "faceValue  | \"115792089237316195423570985008687907853269984665640564039457584007913129639936\" | 2^256-1"})
    void eachBadFieldIsNamedWithItsPath(String field, String jsonValue, String message) throws Exception {
        ObjectNode job = job();
        job.set(field, parse(jsonValue));

        Validated<JobDetails> result = validator.single(single(job));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("jobDetails." + field);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void everyMissingRequiredFieldIsReportedAtOnce() {
        Validated<JobDetails> result = validator.single(single(Json.mapper().createObjectNode()));

        assertThat(result.problems()).extracting(Problem::field).containsExactlyInAnyOrder("jobDetails.jobId",
                "jobDetails.transcoder", "jobDetails.pixels", "jobDetails.duration", "jobDetails.profiles",
                "jobDetails.roundJob");
    }

    @Test
    void nullCountsAsMissing() {
        ObjectNode job = job();
        job.putNull("pixels");

        assertThat(validator.single(single(job)).problems()).containsExactly(new Problem("jobDetails.pixels", "is required"));
    }

    @Test
    void unknownFieldsAreRefusedByName() throws Exception {
        ObjectNode job = job();
        job.put("colour", "blue");

        assertThat(validator.single(single(job)).problems()).containsExactly(new Problem("jobDetails.colour", "unknown field"));
        assertThat(validator.single(parse("{\"jobDetails\":" + job() + ",\"x\":1}")).problems())
                .containsExactly(new Problem("x", "unknown field"));
    }

    @Test
    void theEnvelopeMustHoldAnObject() throws Exception {
        assertThat(validator.single(parse("{}")).problems()).containsExactly(new Problem("jobDetails", "is required"));
        assertThat(validator.single(parse("{\"jobDetails\":[]}")).problems()).containsExactly(new Problem("jobDetails", "must be a JSON object"));
    }

    @Test
    void aBatchNamesTheIndexOfEachBadJob() {
        ArrayNode jobs = Json.mapper().createArrayNode();
        for (int i = 0; i < 5; i++) {
            jobs.add(job().put("jobId", "job-" + i));
        }
        ((ObjectNode) jobs.get(3)).put("pixels", -5);
        ((ObjectNode) jobs.get(1)).remove("transcoder");
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("jobs", jobs);

        Validated<List<JobDetails>> result = validator.batch(body);

        assertThat(result.problems()).extracting(Problem::field).containsExactly("jobs[1].transcoder", "jobs[3].pixels");
    }

    @Test
    void aBatchHoldsOneToAThousandJobs() throws Exception {
        ArrayNode jobs = Json.mapper().createArrayNode();
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("jobs", jobs);
        assertThat(validator.batch(body).problems()).extracting(Problem::field).containsExactly("jobs");

        for (int i = 0; i < JobValidator.BATCH_MAX; i++) {
            jobs.add(job().put("jobId", "job-" + i));
        }
        assertThat(validator.batch(body).value()).hasSize(1000);

        jobs.add(job());
        assertThat(validator.batch(body).problems()).extracting(Problem::message).containsExactly("must be an array of 1 to 1000 jobs");
        assertThat(validator.batch(parse("{\"jobs\":{}}")).problems()).extracting(Problem::field).containsExactly("jobs");
        assertThat(validator.batch(parse("{\"jobs\":[1]}")).problems()).containsExactly(new Problem("jobs[0]", "must be a JSON object"));
    }

    @Test
    void pixelsAreBoundedByDurationTimesProfilesTimesThePerProfileRate() {
        // 2.5 s x 3 profiles x 497,664,000 px/s/profile = 3,732,480,000 pixels
        ObjectNode job = job();
        job.put("pixels", 3_732_480_000L);
        assertThat(validator.single(single(job)).isValid()).isTrue();

        job.put("pixels", 3_732_480_001L);
        assertThat(validator.single(single(job)).problems()).containsExactly(new Problem("jobDetails.pixels",
                "must be at most duration x profiles x 497664000 pixels per second per profile (3732480000 for this job)"));
    }

    @Test
    void theBoundIsExactForFractionsOfASecondAndFollowsTheConfiguredRate() {
        JobValidator hd = new JobValidator(1280L * 720 * 30); // 27,648,000 px/s
        ObjectNode job = job();
        job.put("duration", "0.001");
        job.put("profiles", 1);
        job.put("pixels", 27_648); // 1 ms of one 720p30 rendition
        assertThat(hd.single(single(job)).isValid()).isTrue();
        job.put("pixels", 27_649);
        assertThat(hd.single(single(job)).problems()).extracting(Problem::field).containsExactly("jobDetails.pixels");
    }

    @Test
    void theBoundIsCheckedOnlyWhenDurationAndProfilesAreValidAndNamesTheBatchIndex() {
        ObjectNode badDuration = job();
        badDuration.put("duration", "0");
        badDuration.put("pixels", Long.MAX_VALUE);
        assertThat(validator.single(single(badDuration)).problems()).extracting(Problem::field)
                .containsExactly("jobDetails.pixels", "jobDetails.duration"); // pixels for 2^53, not for the bound

        ArrayNode jobs = Json.mapper().createArrayNode();
        jobs.add(job());
        ObjectNode tooMuch = job();
        tooMuch.put("pixels", 9_000_000_000L);
        jobs.add(tooMuch);
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("jobs", jobs);
        assertThat(validator.batch(body).problems()).extracting(Problem::field).containsExactly("jobs[1].pixels");
    }

    @Test
    void withAKnownRoundAJobTheLedgerWouldRefuseIsRefusedNamingRoundJob() {
        JobValidator window = new JobValidator(JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT, 2);
        OptionalLong r = OptionalLong.of(10);

        assertThat(window.single(single(job().put("roundJob", 7)), r).problems()).containsExactly(new Problem(
                "jobDetails.roundJob", "7 is below the current round 10 minus ledger.dedupe.retainRounds 2: the ledger"
                        + " would refuse it as late"));
        assertThat(window.single(single(job().put("roundJob", 12)), r).problems()).containsExactly(new Problem(
                "jobDetails.roundJob", "12 is above the current round 10 plus 1: the ledger would refuse it as future"));
        for (long inWindow = 8; inWindow <= 11; inWindow++) {
            assertThat(window.single(single(job().put("roundJob", inWindow)), r).value().roundJob()).isEqualTo(inWindow);
        }
    }

    @Test
    void withoutAKnownRoundEveryRoundJobIsTaken() {
        JobValidator window = new JobValidator(JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT, 0);

        assertThat(window.single(single(job().put("roundJob", 0)), OptionalLong.empty()).isValid()).isTrue();
        assertThat(window.single(single(job().put("roundJob", 1_000_000)), OptionalLong.empty()).isValid()).isTrue();
        assertThat(window.single(single(job().put("roundJob", 0))).isValid()).as("the one-argument form").isTrue();
    }

    @Test
    void theWindowFollowsRetainRounds() {
        JobValidator none = new JobValidator(JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT, 0);
        JobValidator five = new JobValidator(JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT, 5);

        assertThat(none.single(single(job().put("roundJob", 9)), OptionalLong.of(10)).problems())
                .extracting(Problem::message).singleElement().asString().contains("retainRounds 0").endsWith("late");
        assertThat(five.single(single(job().put("roundJob", 5)), OptionalLong.of(10)).isValid()).isTrue();
        assertThat(five.single(single(job().put("roundJob", 4)), OptionalLong.of(10)).isValid()).isFalse();
    }

    @Test
    void oneJobOutsideTheWindowRefusesTheBatchNamingItsIndex() {
        JobValidator window = new JobValidator(JobValidator.MAX_PIXELS_PER_SECOND_PER_PROFILE_DEFAULT, 2);
        ArrayNode jobs = Json.mapper().createArrayNode();
        jobs.add(job().put("jobId", "a").put("roundJob", 10));
        jobs.add(job().put("jobId", "b").put("roundJob", 11));
        jobs.add(job().put("jobId", "c").put("roundJob", 3));
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("jobs", jobs);

        Validated<List<JobDetails>> result = window.batch(body, OptionalLong.of(10));

        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).extracting(Problem::field).containsExactly("jobs[2].roundJob");
        assertThat(result.problems().get(0).message()).contains("3 is below the current round 10").endsWith("late");
        assertThat(window.batch(body, OptionalLong.empty()).value()).hasSize(3);
    }

    @Test
    void retainRoundsOutsideTheKeysRangeIsABug() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JobValidator(1, -1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JobValidator(1, 1_001))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
