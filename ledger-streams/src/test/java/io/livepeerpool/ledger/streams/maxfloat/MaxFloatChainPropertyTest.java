package io.livepeerpool.ledger.streams.maxfloat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livepeerpool.chain.contracts.SenderInfo;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chainwatcher.ChainWatcher;
import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.chainwatcher.WatcherTopics;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.ledger.maxfloat.MaxFloatValue;
import io.livepeerpool.ledger.maxfloat.SenderFunds;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.IntentTicket;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionIntentState;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The property of issue 7 on the real dev chain and broker: over a random sequence of fundings (deposit, reserve,
 * both), unlocks, cancelled unlocks, withdrawals, redemptions (started and ended through intent and outcome records,
 * redeemed by hand on chain) and rounds, the max float streamed on {@code pool.max-float} at each quiescent point
 * equals the value computed from the chain's own views at that point ({@code getSenderInfo}, {@code claimedReserve},
 * {@code getTranscoderPoolSize}) and the tickets in flight. Chain events reach Kafka through the real chain watcher.
 * Seeded: {@code -Dmaxfloat.seed=N} replays a run; {@code -Dmaxfloat.steps=N} (default 40).
 */
class MaxFloatChainPropertyTest {
    private static final Logger log = LoggerFactory.getLogger(MaxFloatChainPropertyTest.class);
    private static final BigInteger MILLI = BigInteger.TEN.pow(15);
    private static final Duration QUIESCENCE = Duration.ofSeconds(60);

    private static DevChain chain;
    private static DevNetwork net;
    private static Devstack devstack;
    private static SchemaRegistryClient registry;
    private static ChainWatcher watcher;
    private static MaxFloatService maxFloat;
    private static MaxFloatConfig maxFloatConfig;
    private static KafkaProducer<String, RedemptionIntent> intents;
    private static KafkaProducer<String, Redemption> outcomes;
    private static MaxFloatTopics topics;
    private static final Map<String, MaxFloat> streamed = new ConcurrentHashMap<>();
    private static final AtomicBoolean reading = new AtomicBoolean(true);
    private static Thread reader;
    private static Transactor other;

    /** One sender of the test: its wallet, its ticket maker, its tickets in flight (faceValue by ticket hash). */
    record Sender(Transactor wallet, TicketMaker tickets, Map<String, BigInteger> inFlight) {
        String key() {
            return wallet.address().hex();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        devstack = SharedDevstack.get();
        chain = DevChain.start();
        // deposit 1 ETH, reserve 5 ETH: tickets of up to 2 ETH soon spend the deposit and claim from the reserve
        net = DevNetwork.deploy(chain, DeployOptions.defaults().withBroadcasterFunds(BigInteger.TEN.pow(18),
                BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(5))));
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        String suffix = "maxfloat-" + UUID.randomUUID().toString().substring(0, 8);
        WatcherTopics watcherTopics = WatcherTopics.catalogue().withSuffix(suffix);
        devstack.createTopics(watcherTopics.newTopics((short) 1));
        topics = new MaxFloatTopics(watcherTopics.events().name(), "pool.redemption-intents-" + suffix,
                "pool.redemptions-" + suffix, "pool.max-float-" + suffix);
        devstack.createTopics(List.of(new NewTopic(topics.redemptionIntents(), 3, (short) 1),
                new NewTopic(topics.redemptions(), 3, (short) 1), new NewTopic(topics.maxFloat(), 3, (short) 1)));

        watcher = ChainWatcher.create(ChainWatcherConfig.settings(ChainWatcherConfig.load(ConfigSource.of(Map.ofEntries(
                Map.entry("chain.rpcUrl", chain.rpcUrl()),
                Map.entry("chain.ticketBroker", net.contracts().ticketBroker().hex()),
                Map.entry("chain.roundsManager", net.contracts().roundsManager().hex()),
                Map.entry("chain.bondingManager", net.contracts().bondingManager().hex()),
                // after the deployment: the broadcaster's first funding is only in the chain's views
                Map.entry("chain.startBlock", chain.reader().blockNumber().add(BigInteger.ONE).toString()),
                Map.entry("chain.confirmations", "0"),
                Map.entry("chain.pollIntervalMs", "50"),
                Map.entry("kafka.bootstrapServers", devstack.bootstrapServers()),
                Map.entry("schemaRegistry.url", devstack.schemaRegistryUrl()),
                Map.entry("chainWatcher.id", "w-" + suffix),
                Map.entry("chainWatcher.retryBackoffMinMs", "20"),
                Map.entry("chainWatcher.retryBackoffMaxMs", "500"))))), watcherTopics, new SimpleMeterRegistry());
        watcher.start();

        maxFloatConfig = new MaxFloatConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                chain.rpcUrl(), net.contracts().ticketBroker(), net.contracts().roundsManager(),
                net.contracts().bondingManager(), net.accounts().orchestrator().address(), "mf-" + suffix,
                Files.createTempDirectory("max-float-it"), 3);
        startMaxFloat();

        other = chain.transactor(net.accounts().spare(2));
        intents = producer(RedemptionIntent.class);
        outcomes = producer(Redemption.class);
        reader = Thread.ofPlatform().name("max-float-reader").start(MaxFloatChainPropertyTest::readMaxFloat);
    }

    private static void startMaxFloat() {
        maxFloat = MaxFloatService.create(maxFloatConfig, topics, Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50),
                new SimpleMeterRegistry());
        maxFloat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        reading.set(false);
        if (reader != null) {
            reader.join(10_000);
        }
        for (AutoCloseable c : new AutoCloseable[] {intents, outcomes, maxFloat, watcher, registry, chain}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void streamedMaxFloatEqualsTheChainsViewsAtEveryQuiescentPoint() {
        long seed = Long.getLong("maxfloat.seed", System.nanoTime());
        int steps = Integer.getInteger("maxfloat.steps", 40);
        log.info("max float property: seed {} ({} steps); replay with -Dmaxfloat.seed={}", seed, steps, seed);
        Random random = new Random(seed);
        DevAccount second = net.accounts().spare(0);
        List<Sender> senders = List.of(
                new Sender(net.broadcaster(), net.ticketMaker(), new HashMap<>()),
                new Sender(chain.transactor(second), new TicketMaker(net.roundsManager(), second.credentials()),
                        new HashMap<>()));
        TicketBrokerClient broker = net.ticketBroker();
        // first sighting of each: the broadcaster from the deployment's funding (views), the second from nothing
        for (int i = 0; i < senders.size(); i++) {
            broker.fundDeposit(senders.get(i).wallet(), milli(random, 500)).requireSuccess("fundDeposit");
            assertQuiescentAndEqual(senders.subList(0, i + 1), "first funding", seed);
        }
        // one full unlock cycle every run (random steps rarely line one up): unlock, rounds, a redemption the chain
        // refuses ("sender is unlocked"), withdraw, fund again (UnlockCancelled)
        Sender first = senders.get(0);
        broker.unlock(first.wallet()).requireSuccess("unlock");
        assertQuiescentAndEqual(senders, "unlock", seed);
        net.roundAdvancer().advance(2);
        assertQuiescentAndEqual(senders, "unlock period", seed);
        String refused = redeem(random, first, senders, seed);
        assertTrue(refused.contains("sender is unlocked"), refused);
        assertQuiescentAndEqual(senders, refused, seed);
        broker.withdraw(first.wallet()).requireSuccess("withdraw");
        assertQuiescentAndEqual(senders, "withdraw", seed);
        broker.fundDepositAndReserve(first.wallet(), milli(random, 1000), milli(random, 3000)).requireSuccess("refund");
        assertQuiescentAndEqual(senders, "funding after the withdrawal", seed);

        // an orchestrator outside the pool joins: the pool size the stream uses changes at the NewRound (the chain's
        // getTranscoderPoolSize at once, so no check in between), and its claims on the same reserves count in every
        // allocation but not against the pool's share
        net.bondingManager().registerTranscoder(other, 0, 0).requireSuccess("register other orchestrator");
        net.roundAdvancer().advance();
        assertQuiescentAndEqual(senders, "other orchestrator joined", seed);

        List<String> done = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            Sender s = senders.get(random.nextInt(senders.size()));
            if (step == steps / 2) {
                // a restart on the same state directory and application id: resumes from its stores and commits
                maxFloat.close();
                startMaxFloat();
                done.add("(max float restarted)");
            }
            String what = act(random, s, senders, seed);
            done.add(what);
            assertQuiescentAndEqual(senders, "step " + step + " " + what, seed);
        }
        log.info("max float property: seed {} passed: {}", seed, done);
    }

    /** The bench on the same pipeline, small: prints its figures, asserts none (timings belong to benchmarks). */
    @Test
    void depositToMaxFloatLatencyBench() {
        MaxFloatLatencyBench.Result result = MaxFloatLatencyBench.run(net.ticketBroker(),
                chain.transactor(net.accounts().spare(1)), devstack.bootstrapServers(), registry, topics.maxFloat(),
                Integer.getInteger("maxfloat.bench.samples", 20));
        result.lines().forEach(line -> log.info("{}", line));
        assertTrue(result.samples() > 0);
    }

    /** One random action that the chain accepts in the sender's state; returns its name. */
    private String act(Random random, Sender s, List<Sender> senders, long seed) {
        TicketBrokerClient broker = net.ticketBroker();
        SenderInfo info = broker.senderInfo(s.wallet().address());
        BigInteger round = net.roundsManager().currentRound();
        int dice = random.nextInt(100);
        boolean funded = info.deposit().add(info.fundsRemaining()).signum() > 0;
        if (info.unlockInProgress() && info.withdrawRound().compareTo(round) <= 0 && funded && dice < 60) {
            broker.withdraw(s.wallet()).requireSuccess("withdraw");
            return "withdraw";
        } else if (dice < 12) {
            broker.fundDeposit(s.wallet(), milli(random, 800)).requireSuccess("fundDeposit");
            return "deposit";
        } else if (dice < 22) {
            broker.fundReserve(s.wallet(), milli(random, 2000)).requireSuccess("fundReserve");
            return "reserve";
        } else if (dice < 28) {
            broker.fundDepositAndReserve(s.wallet(), milli(random, 500), milli(random, 1500))
                    .requireSuccess("fundDepositAndReserve");
            return "both";
        } else if (dice < 38 && info.withdrawRound().signum() == 0 && funded) {
            broker.unlock(s.wallet()).requireSuccess("unlock");
            return "unlock";
        } else if (dice < 42 && info.unlockInProgress()) {
            broker.cancelUnlock(s.wallet()).requireSuccess("cancelUnlock");
            return "cancelUnlock";
        } else if (dice < 65) {
            return redeem(random, s, senders, seed);
        } else if (dice < 75) {
            return redeemForOther(random, s);
        }
        net.roundAdvancer().advance();
        return "round";
    }

    /**
     * A redemption as the redeemer does it: Open intent, a quiescent point with the ticket pending, the transaction,
     * the outcome. Whatever the chain says (paid, reverted for funds or "sender is unlocked"), the ticket's
     * redemption ends.
     */
    private String redeem(Random random, Sender s, List<Sender> senders, long seed) {
        BigInteger faceValue = milli(random, 2000);
        SignedTicket ticket = s.tickets().makeWinning(net.accounts().orchestrator().address(), faceValue,
                TicketMaker.ALWAYS_WINS);
        String hash = ticket.hash().hex();
        String intentId = net.redeemer().address().hex() + "|" + UUID.randomUUID();
        IntentTicket it = new IntentTicket(hash, s.key(), net.accounts().orchestrator().address().hex(),
                new BigDecimal(faceValue));
        intents.send(new ProducerRecord<>(topics.redemptionIntents(), net.redeemer().address().hex(),
                intent(intentId, RedemptionIntentState.Open, it)));
        intents.flush();
        s.inFlight().put(hash, faceValue);
        assertQuiescentAndEqual(senders, "redemption of " + faceValue + " started", seed);

        var result = net.ticketBroker().redeemWinningTicket(net.redeemer(), ticket);
        boolean paid = result.tx().success();
        outcomes.send(new ProducerRecord<>(topics.redemptions(), hash, Redemption.newBuilder().setTicketHash(hash)
                .setSender(s.key()).setRecipient(it.getRecipient()).setFaceValue(it.getFaceValue())
                .setStatus(paid ? RedemptionStatus.Redeemed : RedemptionStatus.Failed)
                .setReason(paid ? null : result.tx().revertReason().orElse("reverted"))
                .setAmountTransferred(new BigDecimal(result.amount())).setRedeemerId("test").setAt(Instant.now())
                .build()));
        outcomes.flush();
        s.inFlight().remove(hash);
        return paid ? "redeemed " + faceValue + " paid " + result.amount()
                : "redemption reverted: " + result.tx().revertReason().orElse("?");
    }

    /** Another orchestrator redeems its own ticket from the same sender: no intent, it is not the pool's redemption. */
    private String redeemForOther(Random random, Sender s) {
        BigInteger faceValue = milli(random, 2000);
        SignedTicket ticket = s.tickets().makeWinning(other.address(), faceValue, TicketMaker.ALWAYS_WINS);
        var result = net.ticketBroker().redeemWinningTicket(net.redeemer(), ticket);
        return result.tx().success() ? "other orchestrator redeemed " + faceValue + " paid " + result.amount()
                : "other orchestrator's redemption reverted: " + result.tx().revertReason().orElse("?");
    }

    /** Waits for the watcher to reach the head, then for every sender's streamed record to equal the chain's. */
    private void assertQuiescentAndEqual(List<Sender> senders, String when, long seed) {
        long head = chain.reader().blockNumber().longValueExact();
        long deadline = System.nanoTime() + QUIESCENCE.toNanos();
        while (watcher.cursor().map(c -> c.getLastEmittedBlock() < head).orElse(true)) {
            assertTrue(System.nanoTime() < deadline, "watcher did not reach block " + head + " (" + when + ")");
            sleep(20);
        }
        for (Sender s : senders) {
            String expected = describe(expected(s));
            String actual = null;
            while (!expected.equals(actual = describe(streamed.get(s.key())))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("seed " + seed + ", after " + when + ": sender " + s.key()
                            + "\n  chain views: " + expected + "\n  streamed:    " + actual);
                }
                sleep(20);
            }
        }
    }

    private static MaxFloat expected(Sender s) {
        Address sender = s.wallet().address();
        SenderInfo info = net.ticketBroker().senderInfo(sender);
        BigInteger claimed = net.ticketBroker().claimedReserve(sender, net.accounts().orchestrator().address());
        long poolSize = net.bondingManager().transcoderPoolSize().longValueExact();
        BigInteger pending = s.inFlight().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        SenderFunds funds = new SenderFunds(info.deposit(), info.withdrawRound().longValueExact(),
                info.fundsRemaining(), info.claimedInCurrentRound(), claimed, poolSize, pending, 0);
        return MaxFloatRecords.toAvro(s.key(), funds, "", 0);
    }

    /** The fields the chain defines (not round, cause or time). */
    private static String describe(MaxFloat m) {
        if (m == null) {
            return "(nothing streamed)";
        }
        MaxFloatValue check = MaxFloatValue.of(MaxFloatRecords.funds(m));
        if (check.served().compareTo(m.getMaxFloat().toBigIntegerExact()) != 0
                || check.raw().compareTo(m.getRawMaxFloat().toBigIntegerExact()) != 0) {
            return "(max float " + m.getMaxFloat() + " / raw " + m.getRawMaxFloat() + " is not the formula of its inputs)";
        }
        return "maxFloat " + m.getMaxFloat() + " raw " + m.getRawMaxFloat() + " deposit " + m.getDeposit()
                + " withdrawRound " + m.getWithdrawRound() + " reserve " + m.getReserveFundsRemaining()
                + " claimedInRound " + m.getReserveClaimedInCurrentRound() + " claimedByPool "
                + m.getClaimedByRecipient() + " poolSize " + m.getPoolSize() + " pending " + m.getPending();
    }

    private static RedemptionIntent intent(String id, RedemptionIntentState state, IntentTicket ticket) {
        return RedemptionIntent.newBuilder().setIntentId(id).setState(state).setRedeemerId("test")
                .setWallet(net.redeemer().address().hex()).setNonce(0).setTickets(List.of(ticket)).setRawTx("0x")
                .setTxHash("0x" + "00".repeat(32)).setAt(Instant.now()).build();
    }

    private static BigInteger milli(Random random, int maxMilliEther) {
        return MILLI.multiply(BigInteger.valueOf(1 + random.nextInt(maxMilliEther)));
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, T> producer(Class<T> type) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), AvroSerde.forClass(type, registry).serializer());
    }

    private static void readMaxFloat() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "max-float-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, MaxFloat> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                AvroSerde.forClass(MaxFloat.class, registry).deserializer())) {
            consumer.subscribe(List.of(topics.maxFloat()));
            while (reading.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> streamed.put(r.key(), r.value()));
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
