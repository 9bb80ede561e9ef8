package io.livepeerpool.ledger.streams.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link CountedJob} in a store and its changelog: a version byte, roundJob, epoch, the transcoder (UTF) and the
 * weight's two's-complement bytes. Hand-written rather than Avro because this is one record per counted job on the
 * ledger's hottest path, internal to one store (no topic a reader outside the ledger consumes), and a registry lookup
 * or a generic datum per job would cost more than the record itself.
 */
public final class CountedJobSerde {
    private static final byte VERSION = 1;

    private CountedJobSerde() {
    }

    public static Serde<CountedJob> create() {
        Serializer<CountedJob> serializer = (topic, job) -> job == null ? null : write(job);
        Deserializer<CountedJob> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] write(CountedJob job) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(job.roundJob());
            out.writeLong(job.epoch());
            out.writeUTF(job.transcoder());
            byte[] weight = job.weight().toByteArray();
            out.writeShort(weight.length);
            out.write(weight);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static CountedJob read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("counted job stored in version " + version + ", this ledger reads "
                        + VERSION);
            }
            long roundJob = in.readLong();
            long epoch = in.readLong();
            String transcoder = in.readUTF();
            byte[] weight = new byte[in.readUnsignedShort()];
            in.readFully(weight);
            return new CountedJob(roundJob, epoch, transcoder, new BigInteger(weight));
        } catch (IOException e) {
            throw new UncheckedIOException("a counted job's stored bytes are cut short", e);
        }
    }
}
