package io.livepeerpool.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The devstack's registry enforces BACKWARD compatibility, as the pool's schemas evolve. */
class RegistryCompatibilityTest {
    private static final String V1 = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}";
    private static final String V2_WITH_DEFAULT = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},"
            + "{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"long\\\",\\\"default\\\":0}]}";
    private static final String V2_WITHOUT_DEFAULT = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},"
            + "{\\\"name\\\":\\\"c\\\",\\\"type\\\":\\\"long\\\"}]}";

    @Test
    void aNewVersionThatCannotReadOldRecordsIsRefused() throws Exception {
        String subject = "compat-" + System.nanoTime() + "-value";
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(register(http, subject, V1).statusCode()).isEqualTo(200);
            assertThat(register(http, subject, V2_WITH_DEFAULT).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = register(http, subject, V2_WITHOUT_DEFAULT);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        }
    }

    private static HttpResponse<String> register(HttpClient http, String subject, String schema) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SharedDevstack.get().schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + schema + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
