package io.livepeerpool.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.livepeerpool.gateway.validation.Problem;
import java.util.List;

/** The JSON of every error answer. {@code field} is always present (null when no single field is at fault). */
public record ErrorBody(
        String error,
        String message,
        @JsonInclude(JsonInclude.Include.ALWAYS) String field,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Problem> problems) {

    static ErrorBody of(ApiError e) {
        return new ErrorBody(e.code(), e.getMessage(), e.field(), e.problems());
    }
}
