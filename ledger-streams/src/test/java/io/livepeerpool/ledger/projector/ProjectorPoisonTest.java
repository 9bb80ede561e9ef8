package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.allocation;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.job;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.math.BigDecimal;
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
import java.util.Set;
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

    /**
     * Poison on the ledger topics. A record is skipped with every row it would have written: an allocation whose
     * balance the database refuses leaves no allocation row either.
     */
    @Test
    void ledgerRecordsThatCannotBeProjectedAreSkippedWithAllTheirRows() throws Exception {
        String refused = address(66);
        ReadModelDatabase.migrate(kit.newPool());
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            // this test's database only: the balance statement (the second one) refuses this transcoder
            s.execute("ALTER TABLE transcoder_balances ADD CONSTRAINT test_refused CHECK (transcoder <> '" + refused + "')");
        }
        var allocations = AvroSerde.forTopic(kit.allocations, kit.registry).serializer();
        var settlements = AvroSerde.forTopic(kit.settlements, kit.registry).serializer();
        var payouts = AvroSerde.forTopic(kit.payouts, kit.registry).serializer();
        String a = kit.allocations.name();
        String s = kit.settlements.name();
        String p = kit.payouts.name();
        BigInteger minusOne = BigInteger.ONE.negate();
        Map<String, List<Long>> poisonOffsets = new LinkedHashMap<>();
        List<byte[]> allocationRecords = List.of(
                allocations.serialize(a, allocation(1, address(11), BigInteger.ONE, BigInteger.TEN, BigInteger.TEN)),
                allocations.serialize(a, allocation(1, address(12), BigInteger.ONE, minusOne, BigInteger.ZERO)),
                allocations.serialize(a, allocation(2, address(11), BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(20))),
                allocations.serialize(a, allocation(2, refused, BigInteger.ONE, BigInteger.TEN, BigInteger.TEN)),
                allocations.serialize(a, allocation(3, address(11), BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(30))),
                "not avro".getBytes(StandardCharsets.UTF_8),
                allocations.serialize(a, allocation(4, address(11), BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(40))));
        List<byte[]> settlementRecords = List.of(
                settlements.serialize(s, settlement(1, BigInteger.TEN)),
                settlements.serialize(s, settlement(2, minusOne)),
                settlements.serialize(s, settlement(3, BigInteger.TEN)));
        PayoutRequest nulInId = payout(3, address(11), BigInteger.TEN);
        nulInId.setPayoutId("id\u0000nul");
        List<byte[]> payoutRecords = List.of(
                payouts.serialize(p, payout(1, address(11), BigInteger.TEN)),
                payouts.serialize(p, payout(2, address(11), BigInteger.ZERO)), // rewards_payments: amount > 0
                payouts.serialize(p, nulInId),
                payouts.serialize(p, payout(4, address(11), BigInteger.TWO)));
        produceAll(a, allocationRecords, Set.of(1, 3, 5), poisonOffsets);
        produceAll(s, settlementRecords, Set.of(1), poisonOffsets);
        produceAll(p, payoutRecords, Set.of(1, 2), poisonOffsets);

        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(a, s, p);

        assertThat(kit.dump("allocations", "round, transcoder").stream().map(r -> r.replaceAll(",\"weight.*", "")))
                .containsExactly("{\"round\":1,\"transcoder\":\"" + address(11) + "\"",
                        "{\"round\":2,\"transcoder\":\"" + address(11) + "\"",
                        "{\"round\":3,\"transcoder\":\"" + address(11) + "\"",
                        "{\"round\":4,\"transcoder\":\"" + address(11) + "\"");
        assertThat(kit.count("SELECT count(*) FROM transcoder_balances")).isOne();
        assertThat(kit.count("SELECT count(*) FROM transcoder_balances WHERE balance = 40 AND as_of_round = 4")).isOne();
        assertThat(kit.count("SELECT count(*) FROM settlements")).isEqualTo(2);
        assertThat(kit.count("SELECT count(*) FROM settlements WHERE round IN (1, 3)")).isEqualTo(2);
        assertThat(kit.count("SELECT count(*) FROM rewards_payments")).isEqualTo(2);
        assertThat(kit.count("SELECT count(*) FROM rewards_payments WHERE round IN (1, 4)")).isEqualTo(2);
        assertThat(loggedOffsetsByTopic()).isEqualTo(poisonOffsets);
        poisonOffsets.forEach((topic, offsets) ->
                assertThat(projector.metrics().skippedCount(topic)).isEqualTo(offsets.size()));

        projector.close();
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(a, s, p);
        assertThat(loggedOffsetsByTopic()).isEqualTo(poisonOffsets);
    }

    /** All to partition 0, in order; the offsets of the records at {@code poison} indexes are noted under the topic. */
    private void produceAll(String topic, List<byte[]> records, Set<Integer> poison, Map<String, List<Long>> poisonOffsets)
            throws Exception {
        for (int i = 0; i < records.size(); i++) {
            long offset = kit.produceRaw(topic, 0, records.get(i)).offset();
            if (poison.contains(i)) {
                poisonOffsets.computeIfAbsent(topic, t -> new ArrayList<>()).add(offset);
            }
        }
    }

    private static Settlement settlement(long round, BigInteger revenue) {
        return Settlement.newBuilder().setRound(round).setRevenue(new BigDecimal(revenue))
                .setTotalWeight(BigDecimal.ONE).setPoolFee(BigDecimal.ZERO).setDistributed(BigDecimal.ZERO)
                .setCarriedRevenue(new BigDecimal(revenue)).setAllocations(List.of()).build();
    }

    /** topic -> offsets of its {@code logs} rows, each checked to name this projector and partition 0. */
    private Map<String, List<Long>> loggedOffsetsByTopic() throws Exception {
        Map<String, List<Long>> offsets = new LinkedHashMap<>();
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT source, message, topic, kafka_partition, kafka_offset FROM logs"
                     + " ORDER BY id")) {
            while (rs.next()) {
                assertThat(rs.getString("source")).isEqualTo("projector:" + kit.consumerName);
                assertThat(rs.getString("message")).startsWith("record skipped: ");
                assertThat(rs.getInt("kafka_partition")).isZero();
                offsets.computeIfAbsent(rs.getString("topic"), t -> new ArrayList<>()).add(rs.getLong("kafka_offset"));
            }
        }
        offsets.values().forEach(list -> list.sort(null));
        return offsets;
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
