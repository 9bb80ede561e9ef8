package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.ledger.maxfloat.SenderViews;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Max float per sender:
 * <pre>
 * chain-events (by block)  ─ keyed by sender; NewRound ─┐
 * redemption-intents (by wallet) ─ one copy per sender ─┼─> max-float-inputs (by sender; chain events to every
 * redemptions (by ticket hash) ─ keyed by sender ───────┘    partition) ─> MaxFloatProcessor ─> max-float (by sender)
 * </pre>
 * The inputs topic is a Kafka Streams repartition topic ({@code <applicationId>-max-float-inputs-repartition}),
 * created and purged by Kafka Streams.
 */
public final class MaxFloatTopology {
    public static final String SENDERS_STORE = "max-float-senders";
    public static final String TICKETS_STORE = "max-float-tickets";
    public static final String POSITION_STORE = "max-float-position";
    public static final String INPUTS = "max-float-inputs";

    private MaxFloatTopology() {
    }

    /**
     * @param recipient  the pool's orchestrator (lowercase 0x): its reserve claims are what it already took
     * @param partitions partitions of the inputs topic (and so of the processing)
     */
    public static Topology build(MaxFloatTopics topics, String recipient, int partitions, SenderViews views,
                                 SchemaRegistryClient registry) {
        StreamsBuilder builder = new StreamsBuilder();
        MaxFloatInputSerde inputSerde = new MaxFloatInputSerde(registry);
        KStream<String, SpecificRecord> chain = builder.stream(topics.chainEvents(),
                        Consumed.with(Serdes.String(), AvroSerde.forClass(ChainEvent.class, registry)))
                .flatMap((key, event) -> MaxFloatInputs.chainEvent(event));
        KStream<String, SpecificRecord> intents = builder.stream(topics.redemptionIntents(),
                        Consumed.with(Serdes.String(), AvroSerde.forClass(RedemptionIntent.class, registry)))
                .flatMap((key, intent) -> MaxFloatInputs.intent(intent));
        KStream<String, SpecificRecord> outcomes = builder.stream(topics.redemptions(),
                        Consumed.with(Serdes.String(), AvroSerde.forClass(Redemption.class, registry)))
                .map((key, outcome) -> MaxFloatInputs.redemption(outcome));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SENDERS_STORE),
                Serdes.String(), AvroSerde.forClass(MaxFloat.class, registry)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TICKETS_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POSITION_STORE),
                Serdes.String(), Serdes.Long()));

        chain.merge(intents).merge(outcomes)
                .repartition(Repartitioned.<String, SpecificRecord>as(INPUTS)
                        .withKeySerde(Serdes.String()).withValueSerde(inputSerde)
                        .withNumberOfPartitions(partitions).withStreamPartitioner(new SenderPartitions()))
                .process(() -> new MaxFloatProcessor(recipient, partitions, views),
                        List.of(SENDERS_STORE, TICKETS_STORE, POSITION_STORE).toArray(String[]::new))
                .to(topics.maxFloat(), Produced.with(Serdes.String(), AvroSerde.forClass(MaxFloat.class, registry)));
        return builder.build();
    }
}
