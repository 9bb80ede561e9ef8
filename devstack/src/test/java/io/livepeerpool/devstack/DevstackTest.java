package io.livepeerpool.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole devstack against real infrastructure: use it, stop it, start it again on the same data. */
class DevstackTest {

    private static final String TOPIC = "devstack-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type":"record","name":"Job","namespace":"io.livepeerpool.test",\
            "fields":[{"name":"id","type":"string"},{"name":"pixels","type":"long"}]}""";

    @TempDir
    Path dataDir;

    @Test
    void startsUsesStopsAndRestartsKeepingData() throws Exception {
        long registryPid;
        int schemaId;
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dataDir))) {
            assertThat(devstack.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(devstack.schemaRegistryUrl()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
            assertThat(devstack.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/pool");
            assertThat(devstack.dataDir()).isEqualTo(dataDir.toAbsolutePath());

            List<NewTopic> topics = List.of(new NewTopic(TOPIC, 2, (short) 1));
            devstack.createTopics(topics);
            devstack.createTopics(topics); // idempotent

            produceTransactionally(devstack, false, "aborted");
            produceTransactionally(devstack, true, "committed");
            assertThat(readCommitted(devstack, "group-1", 1)).containsExactly("committed");

            schemaId = registerSchema(devstack, "test-value", SCHEMA);
            assertThat(fetchSchema(devstack, schemaId)).isEqualTo(JSON.readTree(SCHEMA));

            sql(devstack, "CREATE TABLE note (id int PRIMARY KEY, body text)",
                    "INSERT INTO note VALUES (1, 'kept across restarts')");
            assertThat(queryNote(devstack)).isEqualTo("kept across restarts");

            registryPid = devstack.schemaRegistryPid();
            assertThat(ProcessHandle.of(registryPid)).get().matches(ProcessHandle::isAlive);

            devstack.close();
            devstack.close(); // idempotent
        }
        assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false))
                .as("registry child process %d is gone after close", registryPid).isFalse();

        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dataDir))) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    devstack.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
            }
            devstack.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))); // existing: left alone
            assertThat(readCommitted(devstack, "group-2", 1)).containsExactly("committed");
            assertThat(queryNote(devstack)).isEqualTo("kept across restarts");
            assertThat(fetchSchema(devstack, schemaId)).isEqualTo(JSON.readTree(SCHEMA));
            registryPid = devstack.schemaRegistryPid();
        }
        assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static void produceTransactionally(Devstack devstack, boolean commit, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "devstack-test-tx");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "key", value));
            producer.flush();
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
    }

    /** Reads the topic from the start with read_committed until {@code expected} records or a timeout. */
    private static List<String> readCommitted(Devstack devstack, String group, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // a little longer, to see that nothing else (the aborted record) shows up
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static int registerSchema(Devstack devstack, String subject, String schema) throws Exception {
        String body = JSON.writeValueAsString(Map.of("schema", schema));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(devstack.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asInt();
    }

    private static JsonNode fetchSchema(Devstack devstack, int id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(devstack.schemaRegistryUrl() + "/schemas/ids/" + id))
                .GET().build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(JSON.readTree(response.body()).get("schema").asText());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void sql(Devstack devstack, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String queryNote(Devstack devstack) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT body FROM note WHERE id = 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
