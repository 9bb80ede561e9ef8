package io.livepeerpool.ledger.streams;

import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The ledger topology in a {@link TopologyTestDriver}: every topic has one partition there, so the jobs
 * partition count is 1 unless a test feeds the barrier directly ({@link #barrier}).
 */
final class LedgerDriver implements AutoCloseable {
    final LedgerTopics topics;
    final TopologyTestDriver driver;
    final TestInputTopic<String, io.livepeerpool.schemas.avro.TranscoderJob> jobs;
    final TestInputTopic<String, ChainEvent> chain;
    final TestInputTopic<String, LedgerBarrierEvent> barrier;
    final TestInputTopic<String, io.livepeerpool.schemas.avro.Payout> payoutOutcomes;
    final TestInputTopic<String, io.livepeerpool.schemas.avro.PayoutSettings> payoutSettings;
    private final TestOutputTopic<String, io.livepeerpool.schemas.avro.MemberAccountChange> accountChanges;
    private final Path stateDir;
    private final TestOutputTopic<String, io.livepeerpool.schemas.avro.Settlement> settlements;
    private final TestOutputTopic<String, io.livepeerpool.schemas.avro.Allocation> allocations;
    private final TestOutputTopic<String, io.livepeerpool.schemas.avro.PayoutRequest> payouts;
    private final TestOutputTopic<String, io.livepeerpool.schemas.avro.JobRefusal> refusals;
    private long updates;
    private final TestOutputTopic<String, io.livepeerpool.schemas.avro.EpochBoundary> boundaries;

    LedgerDriver(LedgerPolicy policy) {
        this(policy, 1);
    }

    LedgerDriver(LedgerPolicy policy, int weightPartitions) {
        topics = LedgerTopics.catalogue().withPartitions(1).withJobPartitions(weightPartitions);
        LedgerSerdes serdes = LedgerSerdes.avro(new MemoryRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-ttd-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try {
            stateDir = Files.createTempDirectory("ledger-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(LedgerTopology.build(topics, policy, serdes, LedgerStores.Kind.IN_MEMORY),
                props);
        var keys = Serdes.String();
        jobs = driver.createInputTopic(topics.jobs().name(), keys.serializer(), serdes.jobs().serializer());
        chain = driver.createInputTopic(topics.chainEvents().name(), keys.serializer(),
                serdes.chainEvents().serializer());
        barrier = driver.createInputTopic(topics.barrier().name(), keys.serializer(),
                serdes.barrierEvents().serializer());
        payoutOutcomes = driver.createInputTopic(topics.payouts().name(), keys.serializer(),
                serdes.payouts().serializer());
        payoutSettings = driver.createInputTopic(topics.payoutSettings().name(), keys.serializer(),
                serdes.payoutSettings().serializer());
        accountChanges = driver.createOutputTopic(topics.accountChanges().name(), keys.deserializer(),
                serdes.accountChanges().deserializer());
        settlements = driver.createOutputTopic(topics.settlements().name(), keys.deserializer(),
                serdes.settlements().deserializer());
        allocations = driver.createOutputTopic(topics.allocations().name(), keys.deserializer(),
                serdes.allocations().deserializer());
        payouts = driver.createOutputTopic(topics.payoutRequests().name(), keys.deserializer(),
                serdes.payoutRequests().deserializer());
        refusals = driver.createOutputTopic(topics.jobRefusals().name(), keys.deserializer(),
                serdes.jobRefusals().deserializer());
        boundaries = driver.createOutputTopic(topics.epochBoundaries().name(), keys.deserializer(),
                serdes.epochBoundaries().deserializer());
    }

    void pipe(LedgerEvent event) {
        switch (event) {
            case TranscoderJob job -> jobs.pipeInput(job.dedupeKey(), AvroEvents.job(job));
            case TicketTransfer transfer -> chain.pipeInput(AvroEvents.chainKey(transfer),
                    AvroEvents.transfer(transfer));
            case NewRound round -> chain.pipeInput(AvroEvents.chainKey(round), AvroEvents.newRound(round));
            case PayoutOutcome outcome -> payoutOutcomes.pipeInput(outcome.transcoder(), AvroEvents.payout(outcome));
            case PayoutSettingsChange change -> payoutSettings.pipeInput(change.transcoder(),
                    AvroEvents.settings(change));
            case TranscoderUpdate update -> chain.pipeInput(AvroEvents.chainKey(update),
                    AvroEvents.transcoderUpdate(update, ++updates));
        }
    }

    void pipeAll(List<? extends LedgerEvent> events) {
        events.forEach(this::pipe);
    }

    /** Settlements emitted since the last call. */
    List<Outputs.SettlementLine> settlements() {
        return settlements.readValuesToList().stream().map(Outputs.SettlementLine::of).toList();
    }

    List<Outputs.AllocationLine> allocations() {
        return allocations.readValuesToList().stream().map(Outputs.AllocationLine::of).toList();
    }

    List<Outputs.ChangeLine> accountChanges() {
        return accountChanges.readValuesToList().stream().map(Outputs.ChangeLine::of).toList();
    }

    /** The settlement task's balances and debts stores, by transcoder. */
    /** How many entries a store of the jobs task holds (any value type). */
    long entries(String name) {
        org.apache.kafka.streams.state.KeyValueStore<String, Object> store = driver.getKeyValueStore(name);
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    java.util.Map<String, java.math.BigInteger> store(String name) {
        java.util.Map<String, java.math.BigInteger> all = new java.util.TreeMap<>();
        org.apache.kafka.streams.state.KeyValueStore<String, java.math.BigInteger> store =
                driver.getKeyValueStore(name);
        try (var it = store.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    List<Outputs.PayoutLine> payouts() {
        return payouts.readValuesToList().stream().map(Outputs.PayoutLine::of).toList();
    }

    /** Refused jobs since the last call, as the replay prints them; each keyed by its transcoder. */
    List<Outputs.RefusalLine> refusals() {
        return refusals.readKeyValuesToList().stream().map(kv -> {
            if (!kv.key.equals(kv.value.getTranscoder())) {
                throw new IllegalStateException("refusal keyed " + kv.key + " for transcoder " + kv.value.getTranscoder());
            }
            return Outputs.RefusalLine.of(kv.value);
        }).toList();
    }

    /** Refusal records as written since the last call (drains what {@link #refusals()} would read). */
    List<io.livepeerpool.schemas.avro.JobRefusal> refusalRecords() {
        return refusals.readValuesToList();
    }

    /** Epoch boundaries (key and value) written since the last call. */
    List<org.apache.kafka.streams.test.TestRecord<String, io.livepeerpool.schemas.avro.EpochBoundary>> boundaries() {
        return boundaries.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
        Directories.deleteQuietly(stateDir);
    }
}
