package io.livepeerpool.launcher.bench;

import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.DevstackOptions;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.redeemer.RedeemerConfig;
import io.livepeerpool.redeemer.RedeemerService;
import io.livepeerpool.redeemer.journal.RedeemerTopics;
import io.livepeerpool.redeemer.worker.CrashPoint;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool bench redeem}: winning tickets/s from the topic to recorded, confirmed redemptions on the dev chain, one
 * ticket per transaction and batched, against the baseline of plain signed transfers sent by the same wallet (each
 * waited for, as the redeemer waits for its receipts) in the same run. Starts its own devstack with a dev chain. Each
 * phase is timed from the first ticket written (the redeemer already running) to the last outcome read.
 */
@Command(name = "redeem", mixinStandardHelpOptions = true,
        description = "Benchmark the redeemer (single and batched) vs raw signed transfers from the same wallet.")
public final class BenchRedeemCommand implements Callable<Integer> {
    private static final BigInteger FACE = BigInteger.TEN.pow(15);
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

    @Option(names = "--tickets", defaultValue = "200", description = "Tickets per phase (default: ${DEFAULT-VALUE}).")
    int tickets;

    @Option(names = "--senders", defaultValue = "10", description = "Ticket senders, also the batch size (default: ${DEFAULT-VALUE}).")
    int senders;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("pool-bench-redeem-");
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dir).withChain(0))) {
            DevNetwork net = devstack.chain().orElseThrow();
            net.roundAdvancer().advance();
            List<TicketMaker> makers = fundedSenders(net);

            double baseline = rawTransfers(net, tickets);
            double single = phase(devstack, net, makers, 1, "single");
            double batched = phase(devstack, net, makers, senders, "batched");
            System.out.println(String.format(Locale.ROOT, "raw signed transfers (baseline): %.1f tx/s", baseline));
            System.out.println(String.format(Locale.ROOT, "redeemer, 1 ticket per tx:       %.1f tickets/s  ratio %.2f",
                    single, single / baseline));
            System.out.println(String.format(Locale.ROOT, "redeemer, batches of %d:         %.1f tickets/s  ratio %.2f",
                    senders, batched, batched / baseline));
        } finally {
            Directories.deleteQuietly(dir);
        }
        return 0;
    }

    private List<TicketMaker> fundedSenders(DevNetwork net) {
        List<TicketMaker> makers = new ArrayList<>(List.of(net.ticketMaker()));
        for (int i = 1; i < senders; i++) {
            DevAccount a = net.accounts().spare(i);
            net.ticketBroker().fundDeposit(net.chain().transactor(a), BigInteger.TEN.pow(19)).requireSuccess("fund " + a);
            makers.add(new TicketMaker(net.roundsManager(), a.credentials()));
        }
        return makers;
    }

    /** Transfers/s of 1-wei transfers signed and sent by the redeemer wallet, each waited for. */
    private static double rawTransfers(DevNetwork net, int count) {
        Address to = net.accounts().spare(14).address();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            net.redeemer().transfer(to, BigInteger.ONE).requireSuccess("transfer");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Tickets/s from the start of a redeemer over a topic holding {@code tickets} tickets to the last outcome. */
    private double phase(Devstack devstack, DevNetwork net, List<TicketMaker> makers, int batch, String name) throws Exception {
        RedeemerTopics topics = RedeemerTopics.catalogue().withSuffix("bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        devstack.createTopics(topics.newTopics((short) 1));
        SchemaRegistryClient registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        List<WinningTicket> made = make(net, makers);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("chain.rpcUrl", net.chain().rpcUrl());
        s.put("chain.id", Long.toString(net.chain().chainId()));
        s.put("chain.ticketBroker", net.contracts().ticketBroker().hex());
        s.put("chain.roundsManager", net.contracts().roundsManager().hex());
        s.put("chain.confirmations", "0");
        s.put("kafka.bootstrapServers", devstack.bootstrapServers());
        s.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        s.put("redeemer.groupId", "bench-" + topics.tickets().name());
        s.put("redeemer.paramsDelayBlocks", "0");
        s.put("redeemer.batch.maxTickets", Integer.toString(batch));
        s.put("redeemer.minFaceValueOverGasPct", "0");
        s.put("redeemer.pollIntervalMs", "20");
        Config config = Config.load(ConfigSource.of(s), RedeemerConfig.keys());
        RedeemerService redeemer = new RedeemerService(RedeemerConfig.settings(config), net.accounts().redeemer().credentials(),
                topics, new SimpleMeterRegistry(), CrashPoint.NONE);
        redeemer.start();
        try {
            // measured from the first ticket written, with the redeemer already up and in its group
            while (!redeemer.healthy()) {
                Thread.sleep(50);
            }
            Thread.sleep(3_000);
            long start = System.nanoTime();
            post(devstack, registry, topics, made);
            awaitOutcomes(devstack, topics.outcomes().name(), tickets);
            return tickets / ((System.nanoTime() - start) / 1e9);
        } finally {
            redeemer.close();
        }
    }

    private List<WinningTicket> make(DevNetwork net, List<TicketMaker> makers) {
        Address orch = net.accounts().orchestrator().address();
        List<WinningTicket> out = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            out.add(avro(makers.get(i % makers.size()).make(orch, FACE, TicketMaker.ALWAYS_WINS)));
        }
        return out;
    }

    private static void post(Devstack devstack, SchemaRegistryClient registry, RedeemerTopics topics, List<WinningTicket> made) {
        AvroSerde<WinningTicket> serde = AvroSerde.forTopic(topics.tickets(), registry);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (WinningTicket w : made) {
                producer.send(new ProducerRecord<>(topics.tickets().name(), w.getSender(), serde.serializer().serialize(topics.tickets().name(), w)));
            }
            producer.flush();
        }
    }

    private static void awaitOutcomes(Devstack devstack, String topic, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            int seen = 0;
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + count + " outcomes within " + PHASE_TIMEOUT);
                }
                seen += c.poll(Duration.ofMillis(50)).count();
            }
        }
    }

    private static WinningTicket avro(SignedTicket t) {
        return WinningTicket.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setOrchestrator(t.ticket().recipient().hex()).setKeyId("bench")
                .setReceivedAt(Instant.now()).setTicketHash(t.hash().hex())
                .setRecipient(t.ticket().recipient().hex()).setSender(t.ticket().sender().hex())
                .setFaceValue(new BigDecimal(t.ticket().faceValue())).setWinProb(new BigDecimal(t.ticket().winProb()))
                .setSenderNonce(new BigDecimal(t.ticket().senderNonce()))
                .setRecipientRandHash(t.ticket().recipientRandHash().hex())
                .setCreationRound(t.ticket().creationRound().longValueExact())
                .setCreationRoundBlockHash(t.ticket().creationRoundBlockHash().hex())
                .setSig("0x" + HexFormat.of().formatHex(t.sig())).setRecipientRand(new BigDecimal(t.recipientRand()))
                .setParamsExpirationBlock(0L)
                .build();
    }
}
