package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.schemas.avro.JobRefusal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's job refusals land in {@code job_refusals}: one row per refused post, exact, and projected once. */
class ProjectorRefusalsTest {
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
    void everyRefusedPostIsOneRowAtItsRecordTime() throws Exception {
        Instant at = Instant.parse("2026-11-26T01:02:03.456Z");
        List<JobRefusal> refusals = List.of(
                new JobRefusal(address(1), "job-1", address(11), 7L, "late", 10L, null, null),
                new JobRefusal(address(1), "job-1", address(11), 7L, "late", 10L, null, null),
                new JobRefusal(address(1), "job-2", address(12), 99L, "future", 10L, null, null));
        List<RecordMetadata> acked = kit.produce(kit.refusals, refusals, JobRefusal::getTranscoder, r -> at);
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.refusals.name());

        assertThat(rows()).containsExactlyInAnyOrder(
                row(acked.get(0), "job-1", address(11), 7, "late"),
                row(acked.get(1), "job-1", address(11), 7, "late"),
                row(acked.get(2), "job-2", address(12), 99, "future"));
        assertThat(projector.metrics().count(kit.refusals.name(), "inserted")).isEqualTo(3);

        // projected again from offset 0 into the same database: nothing changes
        projector.close();
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM projector_offsets");
        }
        ProjectorConfig again = kit.config();
        kit.startProjector(again, BatchHook.NONE);
        kit.awaitCaughtUp(kit.refusals.name());
        assertThat(kit.count("SELECT count(*) FROM job_refusals")).isEqualTo(3);
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
    }

    private static String row(RecordMetadata at, String jobId, String transcoder, long roundJob, String reason) {
        return at.partition() + "|" + at.offset() + "|" + address(1) + "|" + jobId + "|" + transcoder + "|" + roundJob
                + "|" + reason + "|10|2026-11-26T01:02:03.456Z";
    }

    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT kafka_partition, kafka_offset, orchestrator, job_id, transcoder,"
                     + " round_job, reason, current_round, refused_at FROM job_refusals")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getLong(6) + "|" + rs.getString(7) + "|" + rs.getLong(8) + "|"
                        + rs.getObject(9, java.time.OffsetDateTime.class).toInstant());
            }
        }
        return rows;
    }
}
