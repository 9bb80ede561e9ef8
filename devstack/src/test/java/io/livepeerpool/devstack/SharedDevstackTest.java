package io.livepeerpool.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The per-JVM devstack used by the tests of every module. */
class SharedDevstackTest {

    @Test
    void oneRunningDevstackPerJvm() throws Exception {
        Devstack devstack = SharedDevstack.get();
        assertThat(SharedDevstack.get()).isSameAs(devstack);
        assertThat(devstack.dataDir().getFileName().toString()).startsWith("livepeer-pool-devstack-");

        devstack.createTopics(List.of(new NewTopic("shared-a", 3, (short) 1), new NewTopic("shared-b", 1, (short) 1)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                devstack.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("shared-a", "shared-b");
            assertThat(admin.describeTopics(List.of("shared-a")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("shared-a").partitions()).hasSize(3);
        }

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> subjects = http.send(
                    HttpRequest.newBuilder(URI.create(devstack.schemaRegistryUrl() + "/subjects")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);

            // deleting subjects is enabled (tests and `pool dev` may need to start a subject over)
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                            URI.create(devstack.schemaRegistryUrl() + "/subjects/shared-delete-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
                            URI.create(devstack.schemaRegistryUrl() + "/subjects/shared-delete-value")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        }

        try (Connection connection = DriverManager.getConnection(
                devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword())) {
            assertThat(connection.isValid(5)).isTrue();
            assertThat(connection.getCatalog()).isEqualTo("pool");
        }
    }
}
