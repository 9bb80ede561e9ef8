package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The internal max-float inputs topic carries three record types (chain events, a sender's part of a redemption
 * intent, redemption outcomes) in their catalogue schemas. Each record is one tag byte and then that type's
 * Confluent wire format, with its schema under its own subject ({@code <topic>-<Type>-value}), so the registry's
 * compatibility rule applies per type.
 */
final class MaxFloatInputSerde implements Serde<SpecificRecord> {
    private static final byte CHAIN_EVENT = 1;
    private static final byte INTENT = 2;
    private static final byte REDEMPTION = 3;

    private final AvroSerde<ChainEvent> chainEvents;
    private final AvroSerde<RedemptionIntent> intents;
    private final AvroSerde<Redemption> redemptions;

    MaxFloatInputSerde(SchemaRegistryClient registry) {
        this.chainEvents = AvroSerde.forClass(ChainEvent.class, registry);
        this.intents = AvroSerde.forClass(RedemptionIntent.class, registry);
        this.redemptions = AvroSerde.forClass(Redemption.class, registry);
    }

    @Override
    public Serializer<SpecificRecord> serializer() {
        return (topic, record) -> switch (record) {
            case null -> null;
            case ChainEvent e -> tagged(CHAIN_EVENT, chainEvents.serializer().serialize(topic + "-ChainEvent", e));
            case RedemptionIntent i -> tagged(INTENT, intents.serializer().serialize(topic + "-RedemptionIntent", i));
            case Redemption r -> tagged(REDEMPTION, redemptions.serializer().serialize(topic + "-Redemption", r));
            default -> throw new SerializationException("topic " + topic + ": not a max-float input: "
                    + record.getClass().getName());
        };
    }

    @Override
    public Deserializer<SpecificRecord> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < 1) {
                throw new SerializationException("topic " + topic + ": empty max-float input");
            }
            byte[] rest = Arrays.copyOfRange(bytes, 1, bytes.length);
            return switch (bytes[0]) {
                case CHAIN_EVENT -> chainEvents.deserializer().deserialize(topic, rest);
                case INTENT -> intents.deserializer().deserialize(topic, rest);
                case REDEMPTION -> redemptions.deserializer().deserialize(topic, rest);
                default -> throw new SerializationException("topic " + topic + ": unknown max-float input tag "
                        + bytes[0]);
            };
        };
    }

    private static byte[] tagged(byte tag, byte[] payload) {
        byte[] out = new byte[payload.length + 1];
        out[0] = tag;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }
}
