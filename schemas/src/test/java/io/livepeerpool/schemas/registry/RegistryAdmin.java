package io.livepeerpool.schemas.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Registry calls only the tests need (the production client has no admin calls). */
public final class RegistryAdmin {

    private RegistryAdmin() {
    }

    /** Sets a subject's compatibility level (e.g. BACKWARD): the registry then refuses incompatible versions. */
    public static void setCompatibility(String registryUrl, String subject, String level) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/config/" + subject))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT " + request.uri() + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
        }
    }
}
