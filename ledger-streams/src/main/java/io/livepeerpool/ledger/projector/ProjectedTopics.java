package io.livepeerpool.ledger.projector;

import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutSettings;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.TranscoderRegistration;
import io.livepeerpool.schemas.avro.TranscoderStatus;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import java.util.ArrayList;
import java.util.List;

/** The catalogue topics the projector reads, each with its tables. The one place that pairs a topic with a table. */
public final class ProjectedTopics {
    private ProjectedTopics() {
    }

    /**
     * Jobs (weighed with {@code weights}, the ledger's), winning tickets, the ledger's output (settlements,
     * allocations, payout requests, job refusals, the jobs' epoch boundaries), redemption outcomes.
     */
    public static List<ProjectedTopic<?>> catalogue(SchemaRegistryClient registry, JobWeight weights) {
        List<ProjectedTopic<?>> topics = new java.util.ArrayList<>(of(new Sources(Topics.TRANSCODER_JOBS,
                Topics.WINNING_TICKETS, Topics.LEDGER_SETTLEMENTS, Topics.LEDGER_ALLOCATIONS, Topics.PAYOUT_REQUESTS,
                Topics.REDEMPTIONS, Topics.PAYOUTS, Topics.PAYOUT_SETTINGS, Topics.LEDGER_ACCOUNT_CHANGES,
                Topics.LEDGER_JOB_REFUSALS, Topics.LEDGER_EPOCH_BOUNDARIES), weights, registry));
        topics.addAll(performance(Topics.TRANSCODER_REGISTRATIONS, Topics.TRANSCODER_STATUS, registry));
        return List.copyOf(topics);
    }

    /** Transcoder registrations and statuses (admission and performance). */
    static List<ProjectedTopic<?>> performance(TopicSpec<TranscoderRegistration> registrations,
            TopicSpec<TranscoderStatus> statuses, SchemaRegistryClient registry) {
        return List.of(projected(registrations, new TranscoderRegistrationRows(), registry),
                projected(statuses, new TranscoderStatusRows(), registry));
    }

    /** The topics to read, one per table mapper; tests use topics of their own with the catalogue's types. */
    record Sources(TopicSpec<TranscoderJob> jobs, TopicSpec<WinningTicket> tickets, TopicSpec<Settlement> settlements,
            TopicSpec<Allocation> allocations, TopicSpec<PayoutRequest> payoutRequests,
            TopicSpec<Redemption> redemptions, TopicSpec<Payout> payouts, TopicSpec<PayoutSettings> payoutSettings,
            TopicSpec<MemberAccountChange> accountChanges, TopicSpec<JobRefusal> jobRefusals,
            TopicSpec<EpochBoundary> boundaries) {

        /** Without the payout side, the refusals and the boundaries (tests that do not project them). */
        Sources(TopicSpec<TranscoderJob> jobs, TopicSpec<WinningTicket> tickets, TopicSpec<Settlement> settlements,
                TopicSpec<Allocation> allocations, TopicSpec<PayoutRequest> payoutRequests,
                TopicSpec<Redemption> redemptions) {
            this(jobs, tickets, settlements, allocations, payoutRequests, redemptions, null, null, null, null, null);
        }
    }

    static List<ProjectedTopic<?>> of(Sources topics, JobWeight weights, SchemaRegistryClient registry) {
        List<ProjectedTopic<?>> projected = new ArrayList<>(List.of(
                projected(topics.jobs(), new JobRows(weights), registry),
                projected(topics.tickets(), new TicketRows(), registry),
                projected(topics.settlements(), new SettlementRows(), registry),
                projected(topics.allocations(), new AllocationRows(), registry),
                projected(topics.payoutRequests(), new PayoutRequestRows(), registry),
                projected(topics.redemptions(), new RedemptionRows(), registry)));
        if (topics.payouts() != null) {
            projected.add(projected(topics.payouts(), new PayoutOutcomeRows(), registry));
            projected.add(projected(topics.payoutSettings(), new PayoutSettingsRows(), registry));
            projected.add(projected(topics.accountChanges(), new AccountChangeRows(), registry));
        }
        if (topics.jobRefusals() != null) {
            projected.add(projected(topics.jobRefusals(), new JobRefusalRows(), registry));
        }
        if (topics.boundaries() != null) {
            projected.add(projected(topics.boundaries(), new EpochBoundaryRows(), registry));
        }
        return List.copyOf(projected);
    }

    private static <V extends SpecificRecord> ProjectedTopic<V> projected(TopicSpec<V> spec, RowMapper<V> rows,
            SchemaRegistryClient registry) {
        return new ProjectedTopic<>(spec, AvroSerde.forTopic(spec, registry).deserializer(), rows);
    }
}
