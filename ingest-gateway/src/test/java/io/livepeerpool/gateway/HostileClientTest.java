package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.auth.AuthHeaders;
import io.livepeerpool.gateway.tickets.TestTickets;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "a hostile client": each request below is what an attacker sent; each answer must be the exact status
 * and a JSON {@code {"error","message","field"}} naming what is wrong, and nothing may reach Kafka (checked with a
 * {@code read_committed} consumer wherever a write was attempted). Requests no HTTP client would send go over a raw
 * TLS socket ({@link RawHttps}).
 */
class HostileClientTest {
    /** Every read that pages, with the parameters it needs besides {@code limit} and {@code before}. */
    static final List<String> PAGED_READS = List.of("/getTranscodersJobs?", "/getTranscoderJobs?transcoderAddress=%s&",
            "/getRewards?", "/getTranscoderRewards?transcoderAddress=%s&", "/getSettlements?", "/getPayouts?",
            "/getTranscoderPayouts?transcoderAddress=%s&");
    static final String TRANSCODER = "0x00000000000000000000000000000000000000f1";
    static final long JS_SAFE_MAX = 9_007_199_254_740_991L;
    /** 3840 x 2160 x 60: the default of gateway.maxPixelsPerSecondPerProfile. */
    static final long PIXELS_PER_SECOND_PER_PROFILE = 497_664_000L;

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static RawHttps raw;
    static TopicProbe<TranscoderJob> jobs;
    static TopicProbe<WinningTicket> tickets;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir);
        raw = new RawHttps(gateway.server.certificate(), gateway.server.port());
        jobs = new TopicProbe<>(TestGateway.devstack(), Topics.TRANSCODER_JOBS);
        tickets = new TopicProbe<>(TestGateway.devstack(), Topics.WINNING_TICKETS);
    }

    @AfterAll
    static void stop() {
        if (tickets != null) {
            tickets.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void mark() {
        jobs.mark();
        tickets.mark();
    }

    /** Item 1: out-of-range or unrepresentable paging parameters are the client's mistake, not a database outage. */
    @Nested
    class OutOfRangeParameters {
        @Test
        void aBeforeBeyondWhatTheDatabaseHoldsIsA400OnEveryPagedRead() throws Exception {
            double unavailableBefore = rejected("database_unavailable");
            for (String read : PAGED_READS) {
                for (String before : List.of("%2B294277-01-01T00:00:00Z", "-290000-01-01T00:00:00Z", "%2B10000-01-01T00:00:00Z",
                        "9999-12-31T23:59:59.9999999Z")) {
                    assertRefused(get(read + "before=" + before), 400, "invalid", "before");
                }
            }
            assertThat(rejected("database_unavailable")).isEqualTo(unavailableBefore);
        }

        @Test
        void aTokenNamingAnUnrepresentableTimeRoundOrKeyIsA400() throws Exception {
            List<String> timeTokens = List.of(token("[\"+294277-01-01T00:00:00Z\",\"0xa1\",\"job-1\"]"),
                    token("[\"2025-06-01T12:00:00Z\",\"0xa1\",\"job\\u0000\"]"));
            for (String t : timeTokens) {
                assertRefused(get("/getTranscodersJobs?before=" + t), 400, "invalid", "before");
            }
            assertRefused(get("/getPayouts?before=" + token("[\"+294277-01-01T00:00:00Z\",\"p-1\"]")), 400, "invalid", "before");
            assertRefused(get("/getPayouts?before=" + token("[\"2025-06-01T12:00:00Z\",\"p\\u0000\"]")), 400, "invalid", "before");
            assertRefused(get("/getRewards?before=" + token("[-1,\"0xa1\"]")), 400, "invalid", "before");
            assertRefused(get("/getRewards?before=" + token("[4100,\"0x\\u0000\"]")), 400, "invalid", "before");
            assertRefused(get("/getSettlements?before=" + token("[-5]")), 400, "invalid", "before");
            assertThat(rejected("database_unavailable")).isZero();
        }

        @Test
        void anUnrepresentableLimitIsA400() throws Exception {
            for (String read : PAGED_READS) {
                for (String limit : List.of("99999999999999999999", "-1", "0", "1001", "1e3", "%2B5")) {
                    assertRefused(get(read + "limit=" + limit), 400, "invalid", "limit");
                }
            }
        }
    }

    /** Item 2: a job cannot claim more work than its duration and profiles allow, nor integers JavaScript cannot hold. */
    @Nested
    class ImplausibleWork {
        @Test
        void pixelsBeyondDurationTimesProfilesTimesTheBoundAreRefused() throws Exception {
            // 2.0 s x 3 profiles x 497,664,000 px/s = 2,985,984,000 pixels at most
            long bound = 2 * 3 * PIXELS_PER_SECOND_PER_PROFILE;
            ObjectNode job = job("pix-1", bound + 1);

            assertRefused(postJob(job), 400, "invalid", "jobDetails.pixels");
            assertNothingWritten();
            assertRefused(postJob(job("pix-2", Long.MAX_VALUE)), 400, "invalid", "jobDetails.pixels");
            assertNothingWritten();

            assertThat(postJob(job("pix-3", bound)).status()).isEqualTo(202);
            assertThat(jobs.sinceMark()).extracting(r -> r.value().getPixels()).containsExactly(bound);
        }

        @Test
        void integersAbove2To53Minus1AreRefusedInSingleJobsBatchesAndTickets() throws Exception {
            ObjectNode bigRound = job("big-1", 1000);
            bigRound.put("roundJob", JS_SAFE_MAX + 1);
            assertRefused(postJob(bigRound), 400, "invalid", "jobDetails.roundJob");

            ArrayNode batch = Json.mapper().createArrayNode();
            batch.add(job("big-2", 1000));
            ObjectNode huge = job("big-3", 1000);
            huge.put("duration", "86400");
            huge.put("profiles", 64);
            huge.put("pixels", JS_SAFE_MAX + 1); // within 86,400 s x 64 x the bound, but not exact in JavaScript
            batch.add(huge);
            assertRefused(gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":" + batch + "}"), 400, "invalid", "jobs[1].pixels");

            ObjectNode ticket = TestTickets.winning(TestGateway.ORCH_A, TestTickets.newKey());
            ticket.put("creationRound", JS_SAFE_MAX + 1);
            assertRefused(gateway.postSigned("/recordWinningTicket", TestTickets.body(ticket).toString()), 400, "invalid",
                    "winningTicket.creationRound");
            ObjectNode expiring = TestTickets.winning(TestGateway.ORCH_A, TestTickets.newKey());
            expiring.put("paramsExpirationBlock", JS_SAFE_MAX + 1);
            assertRefused(gateway.postSigned("/recordWinningTicket", TestTickets.body(expiring).toString()), 400, "invalid",
                    "winningTicket.paramsExpirationBlock");
            assertNothingWritten();
        }
    }

    /** Item 3: what the HTTP server refuses before any route runs is JSON too, with the right status. */
    @Nested
    class RefusalsBeforeTheRouter {
        @Test
        void malformedUrisAreJson400s() throws Exception {
            assertRefused(raw.send(request("GET /%ZZ HTTP/1.1")), 400, "invalid", "uri");
            assertRefused(raw.send(request("GET /getRewards%00 HTTP/1.1")), 400, "invalid", "uri");
        }

        @Test
        void dotSegmentPathsAreJson400s() throws Exception {
            for (String path : List.of("/../getRewards", "/a/../getRewards", "/getRewards/..", "/./getRewards",
                    "/%2e%2e/getRewards", "/a/%2E%2E/getRewards", "/getRewards/%2e")) {
                assertRefused(raw.send(request("GET " + path + " HTTP/1.1")), 400, "invalid", "uri");
            }
        }

        @Test
        void invalidOrDuplicatedContentLengthIsAJson400AndWritesNothing() throws Exception {
            String body = "{\"jobDetails\":" + job("cl-1", 1000) + "}";
            assertRefused(raw.send(write("Content-Length: abc\r\n", body)), 400, "invalid", "Content-Length");
            assertRefused(raw.send(write("Content-Length: " + body.length() + "\r\nContent-Length: " + (body.length() + 1) + "\r\n",
                    body)), 400, "invalid", "Content-Length");
            assertRefused(raw.send(write("Content-Length: -5\r\n", body)), 400, "invalid", "Content-Length");
            assertRefused(raw.send(write("Content-Length: 99999999999999999999\r\n", body)), 400, "invalid", "Content-Length");
            assertNothingWritten();
        }

        @Test
        void aBodyShorterThanItsContentLengthIsAJson400AndWritesNothing() throws Exception {
            String body = "{\"jobDetails\":" + job("cl-2", 1000) + "}";
            String cut = write("Content-Length: " + body.length() + "\r\n", body);
            assertRefused(raw.sendThenStop(cut.substring(0, cut.length() - 10)), 400, "invalid", "body");
            assertNothingWritten();
        }

        @Test
        void anAbsoluteFormUriNamingAnotherHostIsAJson400() throws Exception {
            assertRefused(raw.send(request("GET https://evil.example/getRewards HTTP/1.1")), 400, "invalid", "Host");
        }

        @Test
        void aUriOver8KiBIsAJson414() throws Exception {
            assertRefused(raw.send(request("GET /getRewards?x=" + "a".repeat(9000) + " HTTP/1.1")), 414, "uri_too_long", "uri");
        }

        @Test
        void headersOver8KiBAreAJson431() throws Exception {
            assertRefused(raw.send("GET /getRewards HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9000)
                    + "\r\nConnection: close\r\n\r\n"), 431, "headers_too_large", "headers");
        }

        @Test
        void anHttp2RequestLineIsAJson426() throws Exception {
            RawHttps.Answer answer = raw.send(request("GET /getRewards HTTP/2.0"));

            assertRefused(answer, 426, "upgrade_required", "version");
            assertThat(answer.headers().get("upgrade")).isEqualTo("HTTP/1.1");
        }
    }

    /** Item 4: parser failures are told in the client's terms, never in the JSON library's. */
    @Nested
    class ParserMessages {
        @Test
        void twoConcatenatedObjectsAreOneBodyError() throws Exception {
            String one = "{\"jobDetails\":" + job("cat-1", 1000) + "}";

            TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", one + one);

            assertRefused(answer, 400, "invalid", "body");
            assertThat(answer.json().get("message").asText()).contains("exactly one JSON object");
            assertNothingWritten();
        }

        @Test
        void deepNestingIsRefusedAtTheDocumentedDepth() throws Exception {
            String deep = "{\"jobDetails\":{\"pixels\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";

            TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", deep);

            assertRefused(answer, 400, "invalid", "body");
            assertThat(answer.json().get("message").asText()).contains("nested deeper than 16 levels", "jobDetails.pixels");
            assertNothingWritten();
        }

        @Test
        void aNumberOf200kDigitsIsNamedByItsField() throws Exception {
            String digits = "1".repeat(200_000);
            TestGateway.Answer single = gateway.postSigned("/recordTranscoderJob",
                    "{\"jobDetails\":{\"jobId\":\"d-1\",\"pixels\":" + digits + "}}");
            assertRefused(single, 400, "invalid", "jobDetails.pixels");
            assertThat(single.json().get("message").asText()).contains("more than 100 digits");

            String batch = "{\"jobs\":[" + job("d-2", 1000) + ",{\"jobId\":\"d-3\",\"roundJob\":" + digits + "}]}";
            assertRefused(gateway.postSigned("/recordTranscoderJobs", batch), 400, "invalid", "jobs[1].roundJob");
            assertNothingWritten();
        }

        @Test
        void noParserMessageNamesTheJsonLibrary() throws Exception {
            List<String> bodies = List.of("{\"a\":1}{\"b\":2}", "{\"a\":1} x", "{\"a\":NaN}", "{'a':1}", "{\"a\":01}",
                    "{\"a\":", "{\"a\":\"x", "{\"a\":1,\"a\":2}", "[1,2", "{\"a\":tru}", "{\"" + "n".repeat(60_000) + "\":1}",
                    "{\"a\":1e999999999}", "{\"jobDetails\":{\"duration\":1e999999999999}}", "{\"a\":\"\u0001\"}", "/* c */{}", "{\"a\":[" + "1,".repeat(10) + "]}");
            for (String body : bodies) {
                TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", body);
                assertThat(answer.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
                assertThat(answer.json().get("message").asText()).as(body.length() > 80 ? body.substring(0, 80) : body)
                        .doesNotContain("`", "Jackson", "jackson", "com.fasterxml", "Feature", "Constraints", "JsonNode",
                                "REDACTED", "Source", "CTRL-CHAR");
            }
            assertNothingWritten();
        }
    }

    /** Item 5: a paging parameter that is empty, badly encoded or repeated is refused, not ignored. */
    @Nested
    class LooseQueryParameters {
        @Test
        void emptyMalformedOrRepeatedPagingParametersAreNamed() throws Exception {
            for (String read : PAGED_READS) {
                assertRefused(get(read + "limit="), 400, "invalid", "limit");
                assertRefused(get(read + "before="), 400, "invalid", "before");
                assertRefused(get(read + "limit=%ZZ"), 400, "invalid", "limit");
                assertRefused(get(read + "limit=5&limit=6"), 400, "invalid", "limit");
                assertRefused(get(read + "limit=5&limit=5"), 400, "invalid", "limit");
                assertRefused(get(read + "before=2025-06-01T12:00:00Z&before=2025-06-02T12:00:00Z"), 400, "invalid", "before");
                assertRefused(get(read + "before=%E0%A4%A"), 400, "invalid", "before");
                assertRefused(get(read + "limit"), 400, "invalid", "limit");
            }
        }

        @Test
        void aRepeatedOrEmptyTranscoderAddressIsNamed() throws Exception {
            assertRefused(get("/getTranscoderBalance?transcoderAddress=" + TRANSCODER + "&transcoderAddress=" + TRANSCODER),
                    400, "invalid", "transcoderAddress");
            assertRefused(get("/getTranscoderRewards?transcoderAddress=%ZZ"), 400, "invalid", "transcoderAddress");
            assertRefused(get("/getTranscoderJobs?transcoderAddress="), 400, "invalid", "transcoderAddress");
        }

        @Test
        void encodedParametersThatAreWellFormedStillWork() throws Exception {
            RawHttps.Answer answer = get("/getTranscoderPayouts?transcoderAddress=" + TRANSCODER
                    + "&li%6Dit=5&before=2025-06-01T12%3A00%3A00Z&other=%ZZ&other=1");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().has("payouts")).isTrue();
        }
    }

    /** Item 6: encodings, methods, HEAD and the signature's hex case. */
    @Nested
    class EdgeCases {
        @Test
        void aUtf16BodyWithAByteOrderMarkIsA400AndWritesNothing() throws Exception {
            String body = "{\"jobDetails\":" + job("utf16-1", 1000) + "}";
            for (byte[] bytes : List.of(utf16WithBom(body), utf8WithBom(body))) {
                Map<String, String> headers = gateway.signerA1.headers("POST", "/recordTranscoderJob", bytes);

                TestGateway.Answer answer = gateway.post("/recordTranscoderJob", bytes, headers, "application/json");

                assertRefused(answer, 400, "invalid", "body");
                assertThat(answer.json().get("message").asText()).contains("UTF-8");
            }
            assertNothingWritten();
        }

        @Test
        void aCharsetOtherThanUtf8IsA415() throws Exception {
            byte[] bytes = ("{\"jobDetails\":" + job("cs-1", 1000) + "}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = gateway.signerA1.headers("POST", "/recordTranscoderJob", bytes);

            TestGateway.Answer answer = gateway.post("/recordTranscoderJob", bytes, headers, "application/json; charset=utf-16");

            assertRefused(answer, 415, "unsupported_media_type", "Content-Type");
            assertThat(gateway.post("/recordTranscoderJob", bytes, gateway.signerA1.headers("POST", "/recordTranscoderJob", bytes),
                    "application/json; charset=UTF-8").status()).isEqualTo(202);
        }

        @Test
        void anUnknownMethodIsA405NamingIt() throws Exception {
            RawHttps.Answer answer = raw.send(request("FOO /getRewards HTTP/1.1"));

            assertRefused(answer, 405, "method_not_allowed", "method");
            assertThat(answer.json().get("message").asText()).contains("FOO").doesNotContain("INVALID");
            assertThat(answer.headers().get("allow")).isEqualTo("GET, HEAD");
            RawHttps.Answer onWrite = raw.send(request("FOO /recordTranscoderJob HTTP/1.1"));
            assertRefused(onWrite, 405, "method_not_allowed", "method");
            assertThat(onWrite.headers().get("allow")).isEqualTo("POST");
        }

        @Test
        void headOnReadsAnswersAsGetWouldWithoutABody() throws Exception {
            for (String read : List.of("/getRewards", "/getSettlements", "/getTranscodersJobs",
                    "/getTranscoderBalance?transcoderAddress=" + TRANSCODER)) {
                RawHttps.Answer get = raw.send(request("GET " + read + " HTTP/1.1"));
                RawHttps.Answer head = raw.send(request("HEAD " + read + " HTTP/1.1"));

                assertThat(head.status()).as(read).isEqualTo(200);
                assertThat(head.contentType()).as(read).isEqualTo(get.contentType()).startsWith("application/json");
                assertThat(head.body()).isEmpty();
            }
            RawHttps.Answer bad = raw.send(request("HEAD /getTranscoderJobs HTTP/1.1"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/json");
            assertThat(bad.body()).isEmpty();
        }

        @Test
        void anUppercaseHexSignatureIsRefusedAsTheReadmeSays() throws Exception {
            byte[] bytes = ("{\"jobDetails\":" + job("upper-1", 1000) + "}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>(gateway.signerA1.headers("POST", "/recordTranscoderJob", bytes));
            headers.put(AuthHeaders.SIGNATURE, headers.get(AuthHeaders.SIGNATURE).toUpperCase());

            TestGateway.Answer answer = gateway.post("/recordTranscoderJob", bytes, headers, "application/json");

            assertRefused(answer, 401, "unauthenticated", AuthHeaders.SIGNATURE);
            assertThat(answer.json().get("message").asText()).contains("lowercase");
            assertNothingWritten();
        }
    }

    // --- helpers

    static ObjectNode job(String jobId, long pixels) {
        ObjectNode job = Json.mapper().createObjectNode();
        job.put("jobId", jobId + "-" + UUID.randomUUID());
        job.put("transcoder", TRANSCODER);
        job.put("pixels", pixels);
        job.put("duration", "2.0");
        job.put("profiles", 3);
        job.put("roundJob", 3_512);
        return job;
    }

    static TestGateway.Answer postJob(ObjectNode job) throws Exception {
        return gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":" + job + "}");
    }

    static RawHttps.Answer get(String pathAndQuery) throws Exception {
        String target = pathAndQuery.replace("%s", TRANSCODER);
        if (target.endsWith("?") || target.endsWith("&")) {
            target = target.substring(0, target.length() - 1);
        }
        return raw.send(request("GET " + target + " HTTP/1.1"));
    }

    static String request(String requestLine) {
        return requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    /** A signed job post whose Content-Length header(s) the caller writes. */
    static String write(String contentLengthHeaders, String body) {
        Map<String, String> headers = gateway.signerA1.headers("POST", "/recordTranscoderJob", body.getBytes(StandardCharsets.UTF_8));
        StringBuilder request = new StringBuilder("POST /recordTranscoderJob HTTP/1.1\r\nHost: localhost\r\n")
                .append("Content-Type: application/json\r\nConnection: close\r\n").append(contentLengthHeaders);
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").append(body).toString();
    }

    static String token(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utf16WithBom(String text) {
        return text.getBytes(StandardCharsets.UTF_16); // big-endian with a BOM
    }

    static byte[] utf8WithBom(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(utf8.length + 3).put(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).put(utf8).array();
    }

    static double rejected(String reason) {
        Counter counter = gateway.registry.find("gateway.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    static void assertNothingWritten() {
        assertThat(jobs.sinceMark()).isEmpty();
        assertThat(tickets.sinceMark()).isEmpty();
    }

    static void assertRefused(RawHttps.Answer answer, int status, String error, String field) {
        String what = answer.statusLine() + " " + answer.body();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/json");
        assertErrorBody(answer.json(), error, field, what);
    }

    static void assertRefused(TestGateway.Answer answer, int status, String error, String field) {
        String what = answer.status() + " " + answer.body();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
        assertErrorBody(answer.json(), error, field, what);
    }

    private static void assertErrorBody(JsonNode json, String error, String field, String what) {
        assertThat(json).as(what).isNotNull();
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).as(what).containsAll(List.of("error", "message", "field"));
        assertThat(names).as(what).isSubsetOf("error", "message", "field", "problems");
        assertThat(json.get("error").asText()).as(what).isEqualTo(error);
        assertThat(json.get("field").isNull() ? null : json.get("field").asText()).as(what).isEqualTo(field);
        assertThat(json.get("message").asText()).as(what).isNotBlank().doesNotContain("<");
    }
}
