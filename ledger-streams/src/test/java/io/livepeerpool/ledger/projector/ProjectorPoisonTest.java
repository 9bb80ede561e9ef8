package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records that cannot be projected are logged and passed; the partition never stops behind them. */
class ProjectorPoisonTest {
    private ProjectorTestKit kit;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ProjectorTestKit();
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void poisonRecordsAreSkippedLoggedOnceAndTheRecordsAfterThemProjected() throws Exception {
        String topic = kit.jobs.name();
        var serializer = AvroSerde.forTopic(kit.jobs, kit.registry).serializer();
        byte[] valid = serializer.serialize(topic, job(address(1), "job-truncated", address(11), 1, BigInteger.ONE));
        byte[] unknownSchemaId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654_321).putInt(42).array();
        TranscoderJob zeroDuration = job(address(1), "job-zero-duration", address(11), 1, BigInteger.ONE);
        zeroDuration.setDurationMs(0); // the table's CHECK refuses it
        TranscoderJob nulInId = job(address(1), "job\u0000nul", address(11), 1, BigInteger.ONE); // text cannot hold NUL

        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("not avro", "this is not the Avro wire format".getBytes(StandardCharsets.UTF_8));
        poison.put("unknown schema id", unknownSchemaId);
        poison.put("truncated", Arrays.copyOf(valid, valid.length - 3));
        poison.put("tombstone", null);
        poison.put("check violation", serializer.serialize(topic, zeroDuration));
        poison.put("nul in text", serializer.serialize(topic, nulInId));

        List<String> expectedIds = new ArrayList<>();
        List<Long> poisonOffsets = new ArrayList<>();
        int n = 0;
        for (byte[] bad : poison.values()) {
            TranscoderJob good = job(address(1), "job-" + n++, address(11), n, BigInteger.valueOf(n));
            kit.produceRaw(topic, 0, serializer.serialize(topic, good));
            expectedIds.add(good.getJobId());
            poisonOffsets.add(kit.produceRaw(topic, 0, bad).offset());
        }
        TranscoderJob last = job(address(1), "job-last", address(11), 99, BigInteger.TWO);
        RecordMetadata lastAcked = kit.produceRaw(topic, 0, serializer.serialize(topic, last));
        expectedIds.add(last.getJobId());

        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(topic);

        assertThat(jobIds()).containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(loggedOffsets(topic)).containsExactlyElementsOf(poisonOffsets);
        assertThat(projector.metrics().skippedCount(topic)).isEqualTo(poison.size());
        assertThat(kit.storedOffsets()).containsEntry(new org.apache.kafka.common.TopicPartition(topic, 0),
                lastAcked.offset() + 1);
        assertThat(projector.healthy()).isTrue();

        // a restart reads nothing twice: the skips were logged in the transaction that moved past them
        projector.close();
        kit.produceRaw(topic, 0, serializer.serialize(topic, job(address(1), "job-after-restart", address(11), 5,
                BigInteger.ONE)));
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(topic);
        assertThat(loggedOffsets(topic)).containsExactlyElementsOf(poisonOffsets);
        assertThat(jobIds()).hasSize(expectedIds.size() + 1).contains("job-after-restart");
    }

    private List<String> jobIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT job_id FROM transcoder_jobs")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Offsets in {@code logs}, checking each row names this projector, the topic and partition 0, with a reason. */
    private List<Long> loggedOffsets(String topic) throws Exception {
        List<Long> offsets = new ArrayList<>();
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT source, level, message, topic, kafka_partition, kafka_offset"
                     + " FROM logs ORDER BY kafka_offset")) {
            while (rs.next()) {
                assertThat(rs.getString("source")).isEqualTo("projector:" + kit.consumerName);
                assertThat(rs.getString("level")).isEqualTo("WARN");
                assertThat(rs.getString("message")).startsWith("record skipped: ").hasSizeGreaterThan("record skipped: ".length() + 5);
                assertThat(rs.getString("topic")).isEqualTo(topic);
                assertThat(rs.getInt("kafka_partition")).isZero();
                offsets.add(rs.getLong("kafka_offset"));
            }
        }
        return offsets;
    }
}
