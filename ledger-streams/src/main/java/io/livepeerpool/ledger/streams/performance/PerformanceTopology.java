package io.livepeerpool.ledger.streams.performance;

import io.livepeerpool.protocol.performance.LatencyLimit;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import io.livepeerpool.schemas.avro.TranscoderStatus;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.util.ArrayList;
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
 * Latency per transcoder:
 * <pre>
 * transcoder-jobs (by orchestrator|jobId) ─ by transcoder ─┐
 * transcoder-registrations (by transcoder) ────────────────┴─> PerformanceProcessor (status, window) ─> transcoder-status (by transcoder)
 * </pre>
 * The jobs are re-keyed by the lowercase transcoder address through an internal repartition topic with the jobs
 * topic's partition count, which must equal the registrations' ({@link PerformanceService} checks the counts at
 * start), so one task sees every record of a transcoder: its registrations in order, its jobs in the order of each
 * jobs partition (the latency window is about recent jobs, not an exact sequence). The stores are changelogged: a restarted or moved task gets its statuses and windows back from
 * Kafka.
 */
public final class PerformanceTopology {
    public static final String STATUS_STORE = "performance-status";
    public static final String WINDOW_STORE = "performance-window";
    /** The internal topic that re-keys the jobs by transcoder; as many partitions as the jobs topic. */
    public static final String JOBS_BY_TRANSCODER = "jobs-by-transcoder";

    private PerformanceTopology() {
    }

    public static Topology build(PerformanceTopics topics, int windowJobs, LatencyLimit limit,
                                 SchemaRegistryClient registry) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SpecificRecord> jobs = builder.stream(topics.jobs(),
                        Consumed.with(Serdes.String(), AvroSerde.forClass(TranscoderJob.class, registry)))
                .filter((key, job) -> job.getDownloadMs() != null)
                // jobs are keyed orchestrator|jobId (the ledger's dedupe key): bring each transcoder's to one task
                .selectKey((key, job) -> job.getTranscoder())
                .repartition(Repartitioned.<String, TranscoderJob>as(JOBS_BY_TRANSCODER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(AvroSerde.forClass(TranscoderJob.class, registry)))
                .mapValues(job -> (SpecificRecord) job);
        KStream<String, SpecificRecord> registrations = builder.stream(topics.registrations(),
                        Consumed.with(Serdes.String(), AvroSerde.forClass(TranscoderRegistration.class, registry)))
                .mapValues(registration -> (SpecificRecord) registration);

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
                Serdes.String(), AvroSerde.forClass(TranscoderStatus.class, registry)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
                Serdes.String(), Serdes.ListSerde(ArrayList.class, Serdes.Long())));

        jobs.merge(registrations)
                .process(() -> new PerformanceProcessor(windowJobs, limit), STATUS_STORE, WINDOW_STORE)
                .to(topics.status(), Produced.with(Serdes.String(), AvroSerde.forClass(TranscoderStatus.class, registry)));
        return builder.build();
    }
}
