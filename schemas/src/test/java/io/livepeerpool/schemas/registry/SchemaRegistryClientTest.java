package io.livepeerpool.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the real registry of the shared devstack (Apicurio, Confluent-compatible API). */
class SchemaRegistryClientTest {

    private static String registryUrl;

    @BeforeAll
    static void devstack() {
        registryUrl = SharedDevstack.get().schemaRegistryUrl();
    }

    private static String subject(String name) {
        return "client-test-" + name + "-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registersAndFetchesById() {
        String subject = subject("register");
        int id;
        try (SchemaRegistryClient producerSide = SchemaRegistryClient.connect(registryUrl)) {
            id = producerSide.register(subject, TranscoderJob.getClassSchema());
        }
        try (SchemaRegistryClient other = SchemaRegistryClient.connect(registryUrl)) {
            assertThat(other.schemaById(id)).isEqualTo(TranscoderJob.getClassSchema());
            assertThat(other.register(subject, TranscoderJob.getClassSchema())).as("same schema again").isEqualTo(id);
            assertThat(other.register(subject("other"), TranscoderJob.getClassSchema()))
                    .as("same schema, other subject: ids are global per schema").isEqualTo(id);
            // its own subject: the registry enforces BACKWARD compatibility, and the two schemas are unrelated
            assertThat(other.register(subject("different"), WinningTicket.getClassSchema()))
                    .as("a different schema gets a different id").isNotEqualTo(id);
        }
    }

    @Test
    void cachedCallsMakeNoRequest() {
        String subject = subject("cache");
        SchemaRegistryClient client = SchemaRegistryClient.connect(registryUrl);
        int id = client.register(subject, WinningTicket.getClassSchema());
        int fetchedId = client.register(subject("cache-other"), TranscoderJob.getClassSchema());
        try (SchemaRegistryClient fetcher = SchemaRegistryClient.connect(registryUrl)) {
            fetcher.schemaById(fetchedId);
            fetcher.close(); // from here on, any HTTP request fails

            assertThat(fetcher.schemaById(fetchedId)).isEqualTo(TranscoderJob.getClassSchema());
            assertThatThrownBy(() -> fetcher.schemaById(id)).isInstanceOf(SchemaRegistryException.class);
        }
        client.close();
        assertThat(client.register(subject, WinningTicket.getClassSchema())).isEqualTo(id);
        assertThat(client.schemaById(id)).isEqualTo(WinningTicket.getClassSchema());
    }

    @Test
    void unknownIdIsA404WithTheRegistryMessage() {
        try (SchemaRegistryClient client = SchemaRegistryClient.connect(registryUrl)) {
            assertThatThrownBy(() -> client.schemaById(987_654_321))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(40403);
                        assertThat(e.url()).isEqualTo(registryUrl + "/schemas/ids/987654321");
                    })
                    .hasMessageContaining("GET " + registryUrl + "/schemas/ids/987654321")
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("987654321"); // the registry's own message names the id
        }
    }

    @Test
    void incompatibleSchemaIsA409WithTheRegistryMessage() throws Exception {
        String subject = subject("incompatible");
        RegistryAdmin.setCompatibility(registryUrl, subject, "BACKWARD");
        Schema v1 = TranscoderJob.getClassSchema();
        String json = v1.toString();
        Schema newFieldWithoutDefault = new Schema.Parser()
                .parse(json.substring(0, json.length() - 2) + ",{\"name\":\"gpu\",\"type\":\"string\"}]}");
        try (SchemaRegistryClient client = SchemaRegistryClient.connect(registryUrl)) {
            client.register(subject, v1);
            assertThatThrownBy(() -> client.register(subject, newFieldWithoutDefault))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessageContaining("POST " + registryUrl + "/subjects/" + subject + "/versions")
                    .hasMessageContaining("HTTP 409")
                    .hasMessageContaining("ncompatible");
        }
    }

    @Test
    void registerAllRegistersEveryCatalogueSchema() {
        try (SchemaRegistryClient client = SchemaRegistryClient.connect(registryUrl);
                SchemaRegistryClient reader = SchemaRegistryClient.connect(registryUrl)) {
            Map<String, Integer> ids = Topics.registerAll(client);

            assertThat(ids).containsOnlyKeys(Topics.all().stream().map(TopicSpec::valueSubject).toList());
            for (TopicSpec<?> topic : Topics.all()) {
                assertThat(reader.schemaById(ids.get(topic.valueSubject()))).isEqualTo(topic.valueSchema());
            }
            assertThat(Topics.registerAll(client)).as("idempotent").isEqualTo(ids);
        }
    }
}
