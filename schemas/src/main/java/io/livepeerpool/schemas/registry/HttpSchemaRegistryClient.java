package io.livepeerpool.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livepeerpool.platform.retry.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over {@link HttpClient}. Every request has a connect and a request timeout; transient
 * failures (no response, HTTP 408, 429, 5xx) are retried with a short backoff up to {@code attemptsMax} attempts in
 * all, other failures are not. Both calls are cached for the life of the client: schemas are immutable per id, and
 * an id per subject and schema never changes, so the caches need no expiry. They grow with the number of distinct
 * schemas, which is small.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    public static final int ATTEMPTS_MAX_DEFAULT = 3;

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration BACKOFF_FIRST = Duration.ofMillis(100);
    /** The wait doubles after each attempt; at most 10 attempts, so the longest wait is the one before the 10th. */
    private static final Duration BACKOFF_MAX = BACKOFF_FIRST.multipliedBy(1L << 8);
    private static final int ERROR_BODY_CHARS_MAX = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final String baseUrl;
    private final Duration requestTimeout;
    private final int attemptsMax;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int attemptsMax) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL must be http(s)://host[:port][/path], got '"
                    + baseUrl + "'");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (attemptsMax < 1 || attemptsMax > 10) {
            throw new IllegalArgumentException("attemptsMax must be 1..10, got " + attemptsMax);
        }
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.requestTimeout = requestTimeout;
        this.attemptsMax = attemptsMax;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, got " + d);
        }
    }

    /** The registry base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        // Not computeIfAbsent: it would hold a map lock during the HTTP call. Two threads racing here both POST;
        // registration is idempotent, so both get the same id.
        String url = baseUrl + "/subjects/" + pathSegment(subject) + "/versions";
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        JsonNode response = send(request, "register schema " + schema.getFullName() + " under subject " + subject);
        JsonNode id = response.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw unexpected(request, 200, "no integer \"id\" in " + abbreviate(response.toString()));
        }
        int schemaId = id.intValue();
        idsBySubjectSchema.putIfAbsent(key, schemaId);
        // What we registered reads exactly like what the registry stores under this id: spare the consumer a GET.
        schemasById.putIfAbsent(schemaId, schema);
        return schemaId;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String url = baseUrl + "/schemas/ids/" + id;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE).GET().build();
        JsonNode response = send(request, "fetch schema id " + id);
        JsonNode type = response.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw unexpected(request, 200, "schema id " + id + " is " + type.asText() + ", not AVRO");
        }
        JsonNode text = response.get("schema");
        if (text == null || !text.isTextual()) {
            throw unexpected(request, 200, "no \"schema\" string in " + abbreviate(response.toString()));
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema Registry GET " + url + " returned a schema Avro cannot parse: "
                    + e.getMessage(), url, 200, 0, e);
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + baseUrl + "]";
    }

    /** Sends with bounded retries of transient failures; returns the JSON body of a 2xx response. */
    private JsonNode send(HttpRequest request, String what) {
        String target = request.method() + " " + request.uri();
        Backoff backoff = new Backoff(BACKOFF_FIRST, BACKOFF_MAX);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == attemptsMax;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (!last) {
                    pause(backoff.next(), request);
                    continue;
                }
                String reason = e instanceof HttpTimeoutException ? "timed out (" + e.getMessage() + ")"
                        : "failed: " + e;
                throw new SchemaRegistryException("Schema Registry " + target + " (" + what + ") " + reason
                        + " after " + attempt + " attempt(s)", request.uri().toString(),
                        SchemaRegistryException.NO_RESPONSE, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Schema Registry " + target + " (" + what + ") interrupted",
                        request.uri().toString(), SchemaRegistryException.NO_RESPONSE, 0, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(request, status, response.body());
            }
            if (!last && isTransient(status)) {
                pause(backoff.next(), request);
                continue;
            }
            throw failure(request, what, status, response.body(), attempt);
        }
    }

    private static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static void pause(Duration wait, HttpRequest request) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Schema Registry " + request.method() + " " + request.uri()
                    + " interrupted", request.uri().toString(), SchemaRegistryException.NO_RESPONSE, 0, e);
        }
    }

    private static JsonNode parse(HttpRequest request, int status, String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw unexpected(request, status, "expected a JSON object, got " + abbreviate(body));
            }
            return node;
        } catch (IOException e) {
            throw unexpected(request, status, "not JSON: " + abbreviate(body));
        }
    }

    /** Confluent error bodies are {@code {"error_code": 40403, "message": "..."}}; others are quoted as they are. */
    private static SchemaRegistryException failure(HttpRequest request, String what, int status, String body,
            int attempts) {
        int errorCode = 0;
        String message = abbreviate(body);
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                errorCode = node.path("error_code").asInt(0);
                if (node.hasNonNull("message")) {
                    message = abbreviate(node.get("message").asText());
                }
            }
        } catch (IOException notJson) {
            // keep the raw body
        }
        return new SchemaRegistryException("Schema Registry " + request.method() + " " + request.uri() + " ("
                + what + ") failed: HTTP " + status + (errorCode != 0 ? ", error_code " + errorCode : "")
                + ", message: " + (message.isBlank() ? "(empty body)" : message)
                + (attempts > 1 ? " (after " + attempts + " attempts)" : ""),
                request.uri().toString(), status, errorCode, null);
    }

    private static SchemaRegistryException unexpected(HttpRequest request, int status, String detail) {
        return new SchemaRegistryException("Schema Registry " + request.method() + " " + request.uri()
                + " returned HTTP " + status + " with an unexpected body: " + detail, request.uri().toString(),
                status, 0, null);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= ERROR_BODY_CHARS_MAX ? s : s.substring(0, ERROR_BODY_CHARS_MAX) + "...";
    }

    private static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
