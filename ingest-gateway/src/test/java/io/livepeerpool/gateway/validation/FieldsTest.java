package io.livepeerpool.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.json.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {

    static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void uint256AcceptsIntegersDecimalAndHexStrings() throws Exception {
        assertThat(Fields.parseUint256(json("123"))).isEqualTo(123);
        assertThat(Fields.parseUint256(json("\"123\""))).isEqualTo(123);
        assertThat(Fields.parseUint256(json("\"0xff\""))).isEqualTo(255);
        assertThat(Fields.parseUint256(json("\"0x" + "f".repeat(64) + "\""))).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
        assertThat(Fields.parseUint256(json("123456789012345678901234567890"))).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void uint256RefusesEverythingElse() throws Exception {
        for (String bad : List.of("-1", "1.0", "1e3", "\"\"", "\"+1\"", "\" 1\"", "\"0x\"", "\"0x" + "f".repeat(65) + "\"",
                "\"1e3\"", "true", "{}", "\"" + BigInteger.TWO.pow(256) + "\"")) {
            assertThat(Fields.parseUint256(json(bad))).as(bad).isNull();
        }
    }

    @Test
    void addressesAreStoredLowercaseAndMixedCaseMustPassEip55() throws Exception {
        List<Problem> problems = new ArrayList<>();
        Fields f = Fields.of(json("{\"ok\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\","
                + "\"upper\":\"0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED\","
                + "\"bad\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\"}"), "t", problems);

        assertThat(f.address("ok").hex()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(f.address("upper").hex()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(f.address("bad")).isNull();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("t.bad");
            assertThat(p.message()).contains("EIP-55");
        });
    }

    @Test
    void longUnknownFieldNamesAreShortenedInProblems() throws Exception {
        List<Problem> problems = new ArrayList<>();
        String name = "n".repeat(500);

        Fields.of(json("{\"" + name + "\":1}"), "", problems).rejectUnknown(java.util.Set.of());

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.field()).hasSize(67));
    }

    @Test
    void integersStopAt2To53Minus1SoJavaScriptReadsThemExactly() throws Exception {
        List<Problem> problems = new ArrayList<>();
        Fields f = Fields.of(json("{\"ok\":9007199254740991,\"big\":9007199254740992}"), "x", problems);

        assertThat(f.integer("ok", true, 0, Fields.INTEGER_MAX)).isEqualTo(9_007_199_254_740_991L);
        assertThat(f.integer("big", true, 0, Fields.INTEGER_MAX)).isNull();
        assertThat(problems).containsExactly(new Problem("x.big", "must be between 0 and 9007199254740991"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.integer("ok", true, 0, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
