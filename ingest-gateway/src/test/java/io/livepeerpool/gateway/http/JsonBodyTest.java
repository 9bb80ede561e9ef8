package io.livepeerpool.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {
    static ApiError refusal(String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    static ApiError refusal(byte[] body) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> JsonBody.parse(body));
        assertThat(error).as(new String(body, StandardCharsets.UTF_8)).isNotNull();
        assertThat(error.status()).isEqualTo(400);
        return error;
    }

    @Test
    void oneObjectIsParsedWithExactNumbers() {
        var node = JsonBody.parse("{\"a\":123456789012345678901234567890,\"b\":0.1}".getBytes(StandardCharsets.UTF_8));

        assertThat(node.get("a").bigIntegerValue()).hasToString("123456789012345678901234567890");
        assertThat(node.get("b").decimalValue()).hasToString("0.1");
    }

    @Test
    void aSecondValueAfterTheObjectIsRefusedInClientTerms() {
        ApiError error = refusal("{\"a\":1} {\"b\":2}");

        assertThat(error.field()).isEqualTo("body");
        assertThat(error.getMessage()).isEqualTo("body: must be exactly one JSON object; more content follows it at line 1, column 8");
        assertThat(refusal("{\"a\":1} x").getMessage()).contains("exactly one JSON object");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedSayingWhere() {
        String ok = "{\"a\":" + "[".repeat(JsonBody.DEPTH_MAX - 1) + "]".repeat(JsonBody.DEPTH_MAX - 1) + "}";
        assertThat(JsonBody.parse(ok.getBytes(StandardCharsets.UTF_8)).isObject()).isTrue();

        ApiError error = refusal("{\"jobs\":[{\"pixels\":" + "[".repeat(100) + "]".repeat(100) + "}]}");

        assertThat(error.field()).isEqualTo("body");
        assertThat(error.getMessage()).isEqualTo("body: JSON nested deeper than 16 levels (in jobs)");
    }

    @Test
    void aLongNumberNamesItsFieldInObjectsAndArrays() {
        String digits = "9".repeat(JsonBody.NUMBER_DIGITS_MAX + 1);

        assertThat(refusal("{\"jobDetails\":{\"pixels\":" + digits + "}}").field()).isEqualTo("jobDetails.pixels");
        assertThat(refusal("{\"jobs\":[{},{\"a\":1,\"roundJob\":-" + digits + "}]}").field()).isEqualTo("jobs[1].roundJob");
        ApiError error = refusal("{\"x\":[1,2," + digits + "]}");
        assertThat(error.field()).isEqualTo("x[2]");
        assertThat(error.getMessage()).isEqualTo("x[2]: is a number with more than 100 digits");
        assertThat(JsonBody.parse(("{\"a\":" + "9".repeat(78) + "}").getBytes(StandardCharsets.UTF_8)).get("a").isIntegralNumber()).isTrue();
    }

    @Test
    void aNumberNoExactTypeHoldsIsNamedNotAFault() {
        ApiError error = refusal("{\"jobDetails\":{\"duration\":1e999999999999}}");

        assertThat(error.field()).isEqualTo("jobDetails.duration");
        assertThat(error.getMessage()).isEqualTo("jobDetails.duration: is a number out of any range this API accepts");
    }

    @Test
    void aDuplicateFieldIsNamed() {
        ApiError error = refusal("{\"jobDetails\":{\"pixels\":1,\"pixels\":2}}");

        assertThat(error.field()).isEqualTo("jobDetails.pixels");
        assertThat(error.getMessage()).isEqualTo("jobDetails.pixels: appears more than once in its object");
    }

    @Test
    void aTooLongFieldNameIsRefused() {
        ApiError error = refusal("{\"jobDetails\":{\"" + "n".repeat(JsonBody.NAME_LENGTH_MAX + 1) + "\":1}}");

        assertThat(error.getMessage()).contains("field name longer than 256 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":NaN}|malformed JSON at line 1, column 9: NaN and Infinity are not JSON numbers",
            "{'a':1}|malformed JSON at line 1, column 2: unexpected character",
            "{\"a\":01}|malformed JSON at line 1, column 7: invalid number",
            "{\"a\":tru}|malformed JSON at line 1, column 10: not a JSON value (strings need double quotes)",
            "{\"a\":\"x|ends early: an object, array or string is not closed",
            "[1,2|ends early: an object, array or string is not closed",
            "{\"a\":1]|malformed JSON at line 1, column 7: a closing bracket does not match",
            "/* c */{}|malformed JSON at line 1, column 1: unexpected character",
    })
    void parserFailuresAreSaidInClientTerms(String body, String message) {
        ApiError error = refusal(body);

        assertThat(error.field()).isEqualTo("body");
        assertThat(error.getMessage()).isEqualTo("body: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}{\"b\":2}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{'a':1}",
            "{\"a\":01}", "{\"a\":", "{\"a\":\"x", "[1,2", "{\"a\":tru}", "{\"a\":\"\\q\"}", "{\"a\":\"\u0001\"}", "/* c */{}",
            "{a:1}", "{\"a\":1,}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":0x10}", "\"text\"", "{\"a\":1e999999999999}", "\u00ff"})
    void noMessageNamesTheJsonLibrary(String body) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> JsonBody.parse(body.getBytes(StandardCharsets.UTF_8)));

        if (error != null) {
            assertThat(error.getMessage()).doesNotContain("`", "Jackson", "jackson", "com.fasterxml", "Feature",
                    "Constraints", "JsonNode", "REDACTED", "Source", "CTRL-CHAR", "code ");
        }
    }

    @Test
    void onlyUtf8WithoutAByteOrderMarkIsJson() {
        String json = "{\"a\":\"\u00e9\"}";
        assertThat(JsonBody.parse(json.getBytes(StandardCharsets.UTF_8)).get("a").asText()).isEqualTo("\u00e9");

        for (byte[] other : List.of(json.getBytes(StandardCharsets.UTF_16), json.getBytes(StandardCharsets.UTF_16LE),
                json.getBytes(StandardCharsets.UTF_16BE), json.getBytes(java.nio.charset.Charset.forName("UTF-32")),
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json.getBytes(StandardCharsets.UTF_8)))) {
            ApiError error = refusal(other);
            assertThat(error.field()).isEqualTo("body");
            assertThat(error.getMessage()).contains("UTF-8");
        }
        assertThat(refusal(json.getBytes(StandardCharsets.ISO_8859_1)).getMessage()).contains("not valid UTF-8");
    }

    @Test
    void emptyOrNotAnObjectIsABodyError() {
        assertThat(refusal("").getMessage()).isEqualTo("body: is empty: must be a JSON object");
        assertThat(refusal("  ").getMessage()).isEqualTo("body: is empty: must be a JSON object");
        assertThat(refusal("[]").getMessage()).isEqualTo("body: must be a JSON object");
        assertThat(refusal("null").getMessage()).isEqualTo("body: must be a JSON object");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
