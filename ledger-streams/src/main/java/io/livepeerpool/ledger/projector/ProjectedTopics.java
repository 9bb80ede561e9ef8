package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.util.List;

/** The catalogue topics the projector reads, each with its table. The one place that pairs a topic with a table. */
public final class ProjectedTopics {
    private ProjectedTopics() {
    }

    /** Transcoder jobs and winning tickets, read with the registry's schemas. */
    public static List<ProjectedTopic<?>> catalogue(SchemaRegistryClient registry) {
        return of(Topics.TRANSCODER_JOBS, Topics.WINNING_TICKETS, registry);
    }

    /** The same projection from other topics of the same types (tests use topics of their own). */
    static List<ProjectedTopic<?>> of(TopicSpec<TranscoderJob> jobs, TopicSpec<WinningTicket> tickets,
            SchemaRegistryClient registry) {
        return List.of(
                new ProjectedTopic<>(jobs, AvroSerde.forTopic(jobs, registry).deserializer(), new JobRows()),
                new ProjectedTopic<>(tickets, AvroSerde.forTopic(tickets, registry).deserializer(), new TicketRows()));
    }
}
