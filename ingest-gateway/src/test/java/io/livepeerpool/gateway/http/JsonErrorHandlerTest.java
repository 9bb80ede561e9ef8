package io.livepeerpool.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.platform.json.Json;
import io.livepeerpool.platform.ops.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonErrorHandlerTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "400 | Invalid Content-Length Value | invalid             | Content-Length",
            "400 | Multiple Content-Lengths     | invalid             | Content-Length",
            "400 | Mismatched Authority         | invalid             | Host",
            "400 | No Host                      | invalid             | Host",
            "400 | Unknown Version              | invalid             | version",
            "400 | Bad Transfer-Encoding, chunked not last | invalid    | Transfer-Encoding",
            "400 | Illegal character LF         | invalid             | null",
            "400 | Duplicate Host Header        | invalid             | Host",
            "400 | Transfer-Encoding and Content-Length | invalid     | Content-Length",
            "400 | null                         | invalid             | uri",
            "400 | Bad Request                  | invalid             | uri",
            "414 | URI Too Long                 | uri_too_long        | uri",
            "431 | Request Header Fields Too Large | headers_too_large | headers",
            "426 | Upgrade Required             | upgrade_required    | version",
            "505 | null                         | http_version_not_supported | version",
            "413 | null                         | payload_too_large   | body",
            "500 | boom                         | internal            | null"})
    void eachRefusalOfTheHttpParserIsJsonNamingThePartAtFault(int status, String reason, String code, String field) throws Exception {
        HttpFields.Mutable headers = HttpFields.build();

        ByteBuffer body = new JsonErrorHandler(new HttpMetrics(Metrics.newRegistry())).badMessageError(status, reason, headers);

        assertThat(headers.get(HttpHeader.CONTENT_TYPE)).isEqualTo("application/json");
        var json = Json.mapper().readTree(StandardCharsets.UTF_8.decode(body).toString());
        assertThat(json.get("error").asText()).isEqualTo(code);
        assertThat(json.get("field").isNull() ? null : json.get("field").asText()).isEqualTo(field);
        assertThat(json.get("message").asText()).isNotBlank().doesNotContain("<", "boom");
        assertThat(headers.get(HttpHeader.UPGRADE)).isEqualTo(status == 426 ? "HTTP/1.1" : null);
    }

    @Test
    void aBareBadRequestIsTheUriUnlessTheParserOverflowedAContentLength() throws Exception {
        JsonErrorHandler handler = new JsonErrorHandler(new HttpMetrics(Metrics.newRegistry()));

        handler.failureListener().onRequestFailure(null, new BadMessageException(400, "Bad Request", new ArithmeticException("long overflow")));
        assertThat(field(handler.badMessageError(400, "Bad Request", HttpFields.build()))).isEqualTo("Content-Length");
        // the failure is used once: the next bare refusal on this thread is the URI's
        assertThat(field(handler.badMessageError(400, "Bad Request", HttpFields.build()))).isEqualTo("uri");
        handler.failureListener().onRequestFailure(null, new BadMessageException(400, "Bad Request", new NumberFormatException("!hex Z")));
        assertThat(field(handler.badMessageError(400, "Bad Request", HttpFields.build()))).isEqualTo("uri");
    }

    private static String field(ByteBuffer body) throws Exception {
        return Json.mapper().readTree(StandardCharsets.UTF_8.decode(body).toString()).get("field").asText();
    }
}
