package io.livepeerpool.payout.fees;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.payout.TestDevChain;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.FeeWithdrawal;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * A fee withdrawal test's world: the shared devstack's broker and registry, topics of its own, fresh contracts on the
 * test chain, an orchestrator with fees, and an empty payout wallet of its own.
 */
final class FeesFixture implements AutoCloseable {
    static final BigInteger ETH = BigInteger.TEN.pow(18);

    final DevNetwork net;
    final Devstack devstack;
    final FeeTopics topics;
    final String suffix;
    final Address wallet;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<PayoutRequest> requestSerde;
    private final AvroSerde<FeeWithdrawal> withdrawalSerde;
    private final List<FeeWithdrawalService> services = new ArrayList<>();

    FeesFixture(String name) throws Exception {
        this.net = TestDevChain.deploy();
        this.devstack = SharedDevstack.get();
        this.suffix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.topics = FeeTopics.catalogue().withSuffix(suffix);
        devstack.createTopics(topics.newTopics((short) 1));
        SchemaRegistryClient registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        this.requestSerde = AvroSerde.forTopic(topics.requests(), registry);
        this.withdrawalSerde = AvroSerde.forTopic(topics.withdrawals(), registry);
        this.wallet = Address.parse(Credentials.create(Keys.createEcKeyPair()).getAddress());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Redeems a winning ticket of {@code faceValue} to the orchestrator; returns its withdrawable fees after. */
    BigInteger earnFees(BigInteger faceValue) {
        Address orchestrator = net.accounts().orchestrator().address();
        net.ticketBroker().redeemWinningTicket(net.redeemer(),
                net.ticketMaker().make(orchestrator, faceValue, TicketMaker.ALWAYS_WINS));
        return pendingFees();
    }

    BigInteger pendingFees() {
        return net.bondingManager().pendingFees(net.accounts().orchestrator().address(), BigInteger.ZERO);
    }

    BigInteger walletBalance() {
        return net.reader().balance(wallet);
    }

    void requestPayout(String payoutId, BigInteger amount) throws Exception {
        String transcoder = Address.parse(Credentials.create(Keys.createEcKeyPair()).getAddress()).hex();
        PayoutRequest request = PayoutRequest.newBuilder().setPayoutId(payoutId).setRound(1).setTranscoder(transcoder)
                .setAmount(new BigDecimal(amount)).build();
        producer.send(new ProducerRecord<>(topics.requests().name(), transcoder,
                requestSerde.serializer().serialize(topics.requests().name(), request))).get();
    }

    /** Settings of a withdrawer on this world: no confirmations, quick turns; the orchestrator's key as hex. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("chain.rpcUrl", net.chain().rpcUrl());
        s.put("chain.id", Long.toString(net.chain().chainId()));
        s.put("chain.bondingManager", net.contracts().bondingManager().hex());
        s.put("chain.confirmations", "0");
        s.put("kafka.bootstrapServers", devstack.bootstrapServers());
        s.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        s.put("payout.feeWithdrawal.recipient", wallet.hex());
        s.put("payout.feeWithdrawal.intervalMs", "100");
        s.put("payout.feeWithdrawal.retryAfterMs", "500");
        s.put("payout.feeWithdrawal.orchestratorKey", net.accounts().orchestrator().privateKey());
        return s;
    }

    /** The same with the orchestrator's key in a web3 keystore file and its password in another, as in production. */
    Map<String, String> keystoreSettings(Path dir) throws Exception {
        Map<String, String> s = settings();
        s.remove("payout.feeWithdrawal.orchestratorKey");
        String password = "correct horse " + UUID.randomUUID();
        String file = WalletUtils.generateWalletFile(password, net.accounts().orchestrator().credentials().getEcKeyPair(),
                dir.toFile(), false);
        Path passwordFile = Files.writeString(dir.resolve("password.txt"), password + "\n");
        s.put("payout.feeWithdrawal.keystoreFile", dir.resolve(file).toString());
        s.put("payout.feeWithdrawal.keystorePasswordFile", passwordFile.toString());
        return s;
    }

    static FeeWithdrawalSettings parse(Map<String, String> settings) {
        return FeeWithdrawalConfig.settings(FeeWithdrawalConfig.load(ConfigSource.of(settings)), Optional.empty())
                .orElseThrow();
    }

    FeeWithdrawalService start(Map<String, String> settings) {
        FeeWithdrawalService service = new FeeWithdrawalService(parse(settings), topics, new SimpleMeterRegistry(),
                WithdrawalCrashPoint.NONE);
        services.add(service);
        service.start();
        return service;
    }

    /** Every record on this world's fee-withdrawals topic, in order. */
    List<FeeWithdrawal> withdrawals() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<FeeWithdrawal> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topics.withdrawals().name(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    all.add(withdrawalSerde.deserializer().deserialize(r.topic(), r.value()));
                }
            }
        }
        return all;
    }

    /** WithdrawFees logs of this world's BondingManager: what actually moved, whoever recorded what. */
    int withdrawFeesLogs() throws IOException {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(net.contracts().deployBlock()),
                DefaultBlockParameterName.LATEST, net.contracts().bondingManager().hex());
        filter.addSingleTopic(Abi.topic(BondingManagerClient.WITHDRAW_FEES_EVENT));
        return net.chain().web3j().ethGetLogs(filter).send().getLogs().size();
    }

    void setAutomine(boolean on) throws Exception {
        net.chain().anvil().call("evm_setAutomine", on);
    }

    void mine() throws Exception {
        net.chain().anvil().call("evm_mine");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        services.forEach(FeeWithdrawalService::close);
        producer.close();
    }
}
