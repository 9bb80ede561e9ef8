package io.livepeerpool.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DurationSecondsTest {

    static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource(delimiter = '|', value = {
            "2.5       | 2500",
            "\"2.5\"   | 2500",
            "2         | 2000",
            "\"2\"     | 2000",
            "2.000     | 2000",
            "2.5000    | 2500",
            "0.001     | 1",
            "0.1       | 100",
            "1e3       | 1000000",
            "\"1e3\"   | 1000000",
            "2.5e-1    | 250",
            "\"1E-3\"  | 1",
            "86400     | 86400000",
            "3.333     | 3333"})
    void acceptsExactMillisecondValues(String json, long millis) throws Exception {
        DurationSeconds.Result result = DurationSeconds.toMillis(json(json));

        assertThat(result.problem()).isNull();
        assertThat(result.millis()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "2.0005          | at most 3 decimals",
            "\"2.0005\"      | at most 3 decimals",
            "0.0001          | at most 3 decimals",
            "1e-4            | at most 3 decimals",
            "0               | greater than 0",
            "\"0.000\"       | greater than 0",
            "-1              | greater than 0",
            "86400.001       | at most 86400",
            "1e999999999     | at most 86400",
            "\"1e9999\"      | at most 86400",
            "1e-999999999    | at most 3 decimals",
            "\"abc\"         | must be a number",
            "\"-1\"          | must be a number",
            "\" 2\"          | must be a number",
            "\"0x10\"        | must be a number",
            "true            | must be a number",
            "[1]             | must be a number"})
    void refusesWithAReason(String json, String reason) throws Exception {
        DurationSeconds.Result result = DurationSeconds.toMillis(json(json));

        assertThat(result.millis()).isNull();
        assertThat(result.problem()).contains(reason);
    }

    @Test
    void aValueDoubleWouldRoundIsStillExact() throws Exception {
        // 1.005 is 1.00499999999999989... as a double: times 1000 it is 1004.999..., not 1005
        assertThat(1.005 * 1000).isNotEqualTo(1005.0);
        assertThat(DurationSeconds.toMillis(json("1.005")).millis()).isEqualTo(1005);
        assertThat(DurationSeconds.toMillis(json("\"1.005\"")).millis()).isEqualTo(1005);
    }
}
