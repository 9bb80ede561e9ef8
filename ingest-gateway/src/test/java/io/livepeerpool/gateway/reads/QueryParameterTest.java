package io.livepeerpool.gateway.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.livepeerpool.gateway.http.ApiError;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryParameterTest {
    static ApiError refusal(String query, String name) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> QueryParameter.single(query, name));
        assertThat(error).as(query).isNotNull();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.field()).isEqualTo(name);
        return error;
    }

    @Test
    void aParameterGivenOnceIsDecoded() {
        assertThat(QueryParameter.single("limit=5", "limit")).contains("5");
        assertThat(QueryParameter.single("a=1&before=2025-06-01T12%3A00%3A00Z&b=2", "before")).contains("2025-06-01T12:00:00Z");
        assertThat(QueryParameter.single("li%6Dit=7", "limit")).contains("7");
        assertThat(QueryParameter.single("x=a+b%C3%A9", "x")).contains("a b\u00e9");
        assertThat(QueryParameter.single("before=%2B294277-01-01", "before")).contains("+294277-01-01");
    }

    @Test
    void anAbsentParameterIsEmpty() {
        assertThat(QueryParameter.single(null, "limit")).isEmpty();
        assertThat(QueryParameter.single("", "limit")).isEmpty();
        assertThat(QueryParameter.single("limits=5&xlimit=3", "limit")).isEqualTo(Optional.empty());
    }

    @Test
    void emptyRepeatedOrBadlyEncodedIsRefusedNamingIt() {
        assertThat(refusal("limit=", "limit").getMessage()).contains("has no value");
        assertThat(refusal("limit", "limit").getMessage()).contains("has no value");
        assertThat(refusal("limit=1&limit=2", "limit").getMessage()).contains("at most once");
        assertThat(refusal("limit=1&li%6Dit=1", "limit").getMessage()).contains("at most once");
        assertThat(refusal("limit=%ZZ", "limit").getMessage()).contains("percent-encoded UTF-8");
        assertThat(refusal("limit=%4", "limit").getMessage()).contains("percent-encoded UTF-8");
        assertThat(refusal("before=%C3", "before").getMessage()).contains("percent-encoded UTF-8");
        assertThat(refusal("before=%FF%FE", "before").getMessage()).contains("percent-encoded UTF-8");
    }

    @Test
    void otherParametersAreIgnoredWhateverTheyHold() {
        assertThat(QueryParameter.single("other=%ZZ&other=1&%ZZ=3&limit=9", "limit")).contains("9");
    }
}
