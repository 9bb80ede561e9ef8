package io.livepeerpool.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.gateway.auth.RequestSigner;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real gateway on a free port against the shared devstack (Kafka, registry, PostgreSQL), with an HTTPS client
 * that trusts exactly the certificate this gateway generated, and signers for the test keys.
 */
public final class TestGateway implements AutoCloseable {
    public static final String KEY_A1 = "orch-a-1";
    public static final String KEY_A2 = "orch-a-2";
    public static final String KEY_B = "orch-b-1";
    public static final String SECRET_A1 = "a1".repeat(32);
    public static final String SECRET_A2 = "a2".repeat(40);
    public static final String SECRET_B = "b0".repeat(32);
    public static final Address ORCH_A = Address.parse("0x00000000000000000000000000000000000000a1");
    public static final Address ORCH_B = Address.parse("0x00000000000000000000000000000000000000b2");

    private static boolean prepared;

    public final GatewayServer server;
    public final PrometheusMeterRegistry registry;
    public final HttpClient http;
    public final RequestSigner signerA1 = RequestSigner.of(KEY_A1, SECRET_A1);

    private TestGateway(GatewayServer server, PrometheusMeterRegistry registry) {
        this.server = server;
        this.registry = registry;
        this.http = trusting(server.certificate());
    }

    /** The shared devstack, with the catalogue topics and the read-model tables created (once per JVM). */
    public static synchronized Devstack devstack() throws Exception {
        Devstack devstack = SharedDevstack.get();
        if (!prepared) {
            devstack.createTopics(Topics.newTopics(0, (short) 1));
            try (HikariDataSource db = ReadModelDatabase.pool(devstack.jdbcUrl(), devstack.jdbcUser(),
                    devstack.jdbcPassword(), 2, "gateway-test-migrate")) {
                ReadModelDatabase.migrate(db);
            }
            prepared = true;
        }
        return devstack;
    }

    public static Path writeKeysFile(Path dir) throws IOException {
        Path file = dir.resolve("keys-" + UUID.randomUUID() + ".json");
        Files.writeString(file, "{\"keys\":["
                + key(KEY_A1, ORCH_A, SECRET_A1) + "," + key(KEY_A2, ORCH_A, SECRET_A2) + "," + key(KEY_B, ORCH_B, SECRET_B) + "]}");
        return file;
    }

    private static String key(String id, Address orchestrator, String secret) {
        return "{\"keyId\":\"" + id + "\",\"orchestrator\":\"" + orchestrator.checksummed() + "\",\"secret\":\"" + secret + "\"}";
    }

    /** Test configuration over the production keys: loopback, port 0, a unique transactional id prefix. */
    public static Map<String, String> settings(Devstack devstack, Path keysFile) {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.host", "127.0.0.1");
        s.put("gateway.port", "0");
        s.put("ops.port", "0");
        s.put("gateway.dnsName", "localhost");
        s.put("gateway.keysFile", keysFile.toString());
        s.put("kafka.bootstrapServers", devstack.bootstrapServers());
        s.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        s.put("db.jdbcUrl", devstack.jdbcUrl());
        s.put("db.user", devstack.jdbcUser());
        s.put("db.password", devstack.jdbcPassword());
        s.put("gateway.kafka.transactionalIdPrefix", "gw-test-" + UUID.randomUUID());
        return s;
    }

    public static TestGateway start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    public static TestGateway start(Path dir, Map<String, String> overrides) throws Exception {
        Map<String, String> settings = settings(devstack(), writeKeysFile(dir));
        settings.putAll(overrides);
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        GatewayServer server = GatewayServer.fromConfig(GatewayConfig.load(ConfigSource.of(settings)), registry);
        server.start();
        return new TestGateway(server, registry);
    }

    /** An HTTPS client that trusts exactly {@code certificate} (host name verification stays on). */
    public static HttpClient trusting(X509Certificate certificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("gateway", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create("https://localhost:" + server.port() + pathAndQuery);
    }

    /** The answer: status, raw text, and the JSON (null when the body is not JSON). */
    public record Answer(int status, String body, JsonNode json, HttpResponse<String> raw) {
        public String error() {
            return json == null ? null : json.path("error").asText(null);
        }

        public String field() {
            return json == null || json.get("field") == null || json.get("field").isNull() ? null : json.get("field").asText();
        }
    }

    /** GET on the ops listener (plain HTTP, loopback): details of health, metrics. */
    public Answer ops(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.opsPort() + pathAndQuery)).GET().build());
    }

    public Answer get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    /** Signed with key orch-a-1. */
    public Answer postSigned(String path, String body) throws Exception {
        return postSigned(path, body, signerA1);
    }

    public Answer postSigned(String path, String body, RequestSigner signer) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(path, bytes, signer.headers("POST", path, bytes), "application/json");
    }

    public Answer post(String path, byte[] body, Map<String, String> headers, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = null;
        try {
            json = Json.mapper().readTree(response.body());
        } catch (IOException notJson) {
            // metrics and other text bodies
        }
        return new Answer(response.statusCode(), response.body(), json, response);
    }

    @Override
    public void close() {
        server.close();
        http.close();
    }
}
