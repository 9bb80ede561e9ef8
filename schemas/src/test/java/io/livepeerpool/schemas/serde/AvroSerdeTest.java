package io.livepeerpool.schemas.serde;

import static io.livepeerpool.schemas.serde.SampleRecords.UINT256_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The wire format and the serde's error handling, with an in-memory registry (no infrastructure). */
class AvroSerdeTest {

    private static final int SCHEMA_ID = 0x01020304;
    private static final String TOPIC = Topics.TRANSCODER_JOBS.name();

    private final InMemoryRegistry registry = new InMemoryRegistry(SCHEMA_ID);
    private final AvroSerde<TranscoderJob> jobs = AvroSerde.forTopic(Topics.TRANSCODER_JOBS, registry);
    private final AvroSerde<WinningTicket> tickets = AvroSerde.forTopic(Topics.WINNING_TICKETS, registry);

    private static TranscoderJob smallJob() {
        return TranscoderJob.newBuilder().setRequestId("r").setOrchestrator("o").setKeyId("k")
                .setReceivedAt(Instant.ofEpochMilli(1)).setJobId("j").setTranscoder("t").setPixels(3)
                .setDurationMs(2000).setProfiles(3).setRoundJob(5).setFaceValue(BigDecimal.valueOf(255)).build();
    }

    @Test
    void wireFormatIsMagicByteSchemaIdBigEndianThenAvroBinary() {
        byte[] bytes = jobs.serializer().serialize(TOPIC, smallJob());

        byte[] expected = {
            0x00,                         // magic byte
            0x01, 0x02, 0x03, 0x04,       // schema id, big-endian
            0x02, 'r', 0x02, 'o', 0x02, 'k',  // strings: zigzag length, UTF-8
            0x02,                         // receivedAt 1 ms: zigzag long
            0x02, 'j', 0x02, 't',
            0x06,                         // pixels 3
            (byte) 0xa0, 0x1f,            // durationMs 2000: zigzag 4000 as varint
            0x06,                         // profiles 3
            0x0a,                         // roundJob 5
            0x04, 0x00, (byte) 0xff,      // faceValue 255: 2 bytes, two's complement big-endian
            0x00, 0x00, 0x00              // downloadMs, transcodeMs, uploadMs absent: union branch 0 (null) each
        };
        assertThat(bytes).containsExactly(expected);
        assertThat(jobs.deserializer().deserialize(TOPIC, bytes)).isEqualTo(smallJob());
    }

    @Test
    void registersUnderTopicValueSubjectOncePerTopic() {
        for (int i = 0; i < 100; i++) {
            jobs.serializer().serialize(TOPIC, SampleRecords.job(i));
        }
        byte[] changelog = jobs.serializer().serialize("app-store-changelog", smallJob());

        assertThat(registry.registrationsBySubject).containsOnlyKeys(TOPIC + "-value", "app-store-changelog-value");
        assertThat(registry.registrationsBySubject.get(TOPIC + "-value")).hasValue(1);
        assertThat(WireFormat.schemaId(changelog)).isEqualTo(SCHEMA_ID);
    }

    @Test
    void readerFetchesEachWriterSchemaOnce() {
        InMemoryRegistry consumerSide = new InMemoryRegistry(1);
        consumerSide.put(SCHEMA_ID, TranscoderJob.getClassSchema());
        AvroDeserializer<TranscoderJob> reader = AvroSerde.forTopic(Topics.TRANSCODER_JOBS, consumerSide)
                .deserializer();

        for (int i = 0; i < 100; i++) {
            TranscoderJob job = SampleRecords.job(i);
            assertThat(reader.deserialize(TOPIC, jobs.serializer().serialize(TOPIC, job))).isEqualTo(job);
        }
        assertThat(consumerSide.lookups).hasValue(1);
    }

    @Test
    void amountsUpToUint256MaxRoundTripExactly() {
        List<BigDecimal> amounts = List.of(BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("1000000000000000000"),
                new BigDecimal(BigInteger.ONE.shiftLeft(255)), new BigDecimal(BigInteger.ONE.shiftLeft(256)),
                UINT256_MAX, new BigDecimal(BigInteger.TEN.pow(77)), new BigDecimal("9".repeat(78)));
        for (BigDecimal amount : amounts) {
            for (int n : new int[] {0, 1}) { // even: optional fields null; odd: set, incl. the nullable gasFees
                WinningTicket ticket = SampleRecords.ticket(n, amount);
                WinningTicket back = tickets.deserializer().deserialize("t",
                        tickets.serializer().serialize("t", ticket));
                assertThat(back).isEqualTo(ticket);
                assertThat(back.getFaceValue().toBigIntegerExact()).isEqualTo(amount.toBigIntegerExact());
                assertThat(back.getRecipientRand()).isEqualByComparingTo(amount);
                assertThat(back.getWinProb().toBigIntegerExact())
                        .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
            }
        }
    }

    @Test
    void fractionalOrTooLargeAmountIsRefusedNotRounded() {
        byte[] before = jobs.serializer().serialize(TOPIC, smallJob());
        WinningTicket fractional = SampleRecords.ticket(1, new BigDecimal("1.5"));
        assertThatThrownBy(() -> tickets.serializer().serialize("t", fractional))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic t")
                .hasMessageContaining("scale 1");

        WinningTicket tooLarge = SampleRecords.ticket(1, new BigDecimal("1e78"));
        assertThatThrownBy(() -> tickets.serializer().serialize("t", tooLarge))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("precision 79");

        // the failed records left nothing behind in the thread's encoder
        assertThat(jobs.serializer().serialize(TOPIC, smallJob())).isEqualTo(before);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(jobs.serializer().serialize(TOPIC, null)).isNull();
        assertThat(jobs.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void unknownMagicByteIsRefused() {
        byte[] bytes = jobs.serializer().serialize(TOPIC, smallJob());
        bytes[0] = 1;
        assertThatThrownBy(() -> jobs.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic " + TOPIC)
                .hasMessageContaining("unknown magic byte 0x01");
    }

    @Test
    void inputShorterThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> jobs.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 byte(s) is shorter than the 5-byte wire-format header");
    }

    @Test
    void truncatedPayloadIsRefusedAtEveryLength() {
        byte[] bytes = jobs.serializer().serialize(TOPIC, SampleRecords.job(42));
        for (int length = WireFormat.HEADER_SIZE; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> jobs.deserializer().deserialize(TOPIC, truncated))
                    .as("truncated to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id " + SCHEMA_ID);
        }
        // the thread's decoder is still good afterwards
        assertThat(jobs.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SampleRecords.job(42));
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = jobs.serializer().serialize(TOPIC, smallJob());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> jobs.deserializer().deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left over");
    }

    @Test
    void unknownSchemaIdIsRefused() {
        byte[] bytes = jobs.serializer().serialize(TOPIC, smallJob());
        bytes[4] = 0x7f;
        assertThatThrownBy(() -> jobs.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot fetch writer schema id " + 0x0102037f);
    }

    @Test
    void recordOfAnotherTypeIsRefusedWithTheIncompatibility() {
        byte[] ticketBytes = tickets.serializer().serialize(TOPIC, SampleRecords.ticket(1, BigDecimal.TEN));
        assertThatThrownBy(() -> jobs.deserializer().deserialize(TOPIC, ticketBytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.livepeerpool.schemas.avro.WinningTicket")
                .hasMessageContaining("cannot be read as io.livepeerpool.schemas.avro.TranscoderJob");
    }

    @Test
    void valueSerdeRefusesKeyUse() {
        assertThatThrownBy(() -> jobs.configure(Map.of(), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharedAcrossThreadsEveryRecordRoundTrips() throws Exception {
        int threads = 8;
        int recordsPerThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * recordsPerThread;
                results.add(pool.submit(() -> {
                    for (int i = offset; i < offset + recordsPerThread; i++) {
                        TranscoderJob job = SampleRecords.job(i);
                        assertThat(jobs.deserializer().deserialize(TOPIC, jobs.serializer().serialize(TOPIC, job)))
                                .isEqualTo(job);
                        WinningTicket ticket = SampleRecords.ticket(i, BigDecimal.valueOf(i).add(UINT256_MAX
                                .subtract(BigDecimal.valueOf(offset + recordsPerThread))));
                        assertThat(tickets.deserializer().deserialize("t", tickets.serializer().serialize("t",
                                ticket))).isEqualTo(ticket);
                    }
                    return recordsPerThread;
                }));
            }
            int done = 0;
            for (Future<Integer> result : results) {
                done += result.get();
            }
            assertThat(done).isEqualTo(threads * recordsPerThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
