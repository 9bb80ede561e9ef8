package io.livepeerpool.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.registry.RegistryAdmin;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data written with one version of a schema, read with another, through the real registry. The "v2" is
 * {@code src/test/avro/TranscoderJobV2.avsc}: today's TranscoderJob plus two fields with defaults, generated into
 * its own namespace ({@code ...avro.evolution}) for the test only.
 */
class SchemaEvolutionTest {

    private String registryUrl;
    private String topic;
    private SchemaRegistryClient producerRegistry;
    private SchemaRegistryClient consumerRegistry;

    @BeforeEach
    void setUp() throws Exception {
        registryUrl = SharedDevstack.get().schemaRegistryUrl();
        topic = "evolution-test-" + UUID.randomUUID();
        // as production should be configured: the registry itself refuses versions that break old data
        RegistryAdmin.setCompatibility(registryUrl, topic + "-value", "BACKWARD");
        producerRegistry = SchemaRegistryClient.connect(registryUrl);
        consumerRegistry = SchemaRegistryClient.connect(registryUrl);
    }

    @AfterEach
    void tearDown() {
        producerRegistry.close();
        consumerRegistry.close();
    }

    @Test
    void oldDataReadsWithTheNewClassAndGetsTheDefaults() {
        TranscoderJob v1 = SampleRecords.job(7);
        byte[] bytes = AvroSerde.forClass(TranscoderJob.class, producerRegistry).serializer().serialize(topic, v1);

        var v2 = AvroSerde.forClass(io.livepeerpool.schemas.avro.evolution.TranscoderJob.class, consumerRegistry)
                .deserializer().deserialize(topic, bytes);

        assertThat(v2.getJobId()).isEqualTo(v1.getJobId());
        assertThat(v2.getReceivedAt()).isEqualTo(v1.getReceivedAt());
        assertThat(v2.getFaceValue()).isEqualTo(v1.getFaceValue());
        assertThat(v2.getPixels()).isEqualTo(v1.getPixels());
        assertThat(v2.getGpuModel()).isEqualTo("unknown");
        assertThat(v2.getTip()).isNull();
    }

    @Test
    void newDataReadsWithTheOldClassWhileConsumersUpgrade() {
        TranscoderJob v1 = SampleRecords.job(8);
        int v1Id = WireFormat.schemaId(
                AvroSerde.forClass(TranscoderJob.class, producerRegistry).serializer().serialize(topic, v1));
        var v2 = io.livepeerpool.schemas.avro.evolution.TranscoderJob.newBuilder()
                .setRequestId(v1.getRequestId()).setOrchestrator(v1.getOrchestrator()).setKeyId(v1.getKeyId())
                .setReceivedAt(v1.getReceivedAt()).setJobId(v1.getJobId()).setTranscoder(v1.getTranscoder())
                .setPixels(v1.getPixels()).setDurationMs(v1.getDurationMs()).setProfiles(v1.getProfiles())
                .setRoundJob(v1.getRoundJob()).setFaceValue(v1.getFaceValue())
                .setGpuModel("RTX 4090").setTip(new BigDecimal("12345678901234567890"))
                .build();

        // the registry accepts v2 under the subject (BACKWARD) as a new version with its own id
        byte[] bytes = AvroSerde.forClass(io.livepeerpool.schemas.avro.evolution.TranscoderJob.class,
                producerRegistry).serializer().serialize(topic, v2);
        assertThat(WireFormat.schemaId(bytes)).isNotEqualTo(v1Id);

        TranscoderJob read = AvroSerde.forClass(TranscoderJob.class, consumerRegistry).deserializer()
                .deserialize(topic, bytes);
        assertThat(read).isEqualTo(v1);
    }
}
