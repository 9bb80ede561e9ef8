package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.gateway.auth.RequestSigner;
import io.livepeerpool.launcher.bench.PinnedTls;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The whole pool as {@code pool dev} runs it, with nothing mocked: signed jobs through the gateway, a winning ticket
 * redeemed on the dev chain, a new round; the chain watcher, the ledger and the projector turn that into a
 * settlement, allocations, balances and payout requests that the gateway serves.
 */
class PoolDevEndToEndTest {
    private static final String A = "0x00000000000000000000000000000000000000aa";
    private static final String B = "0x00000000000000000000000000000000000000bb";
    private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);

    @Test
    @Timeout(480)
    void jobsAndARedeemedTicketBecomeASettlementAndPayouts(@TempDir Path dir) throws Exception {
        DevCommand dev = new DevCommand();
        dev.dataDir = dir;
        dev.gatewayPort = 0;
        Thread running = Thread.ofPlatform().name("pool-dev").start(() -> {
            try {
                dev.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Path file = dir.resolve(DevCredentials.FILE_NAME);
            await(Duration.ofMinutes(3), () -> Files.exists(file));
            DevCredentials c = DevCredentials.read(file);
            Gateway gateway = new Gateway(c);
            assertThat(c.redeemerGrpcAddress()).matches("127\\.0\\.0\\.1:[0-9]+");

            // Weights: three identical jobs, two by A and one by B (a re-post of A's first job must not count).
            assertThat(gateway.postJob("e2e-1", A)).isEqualTo(202);
            assertThat(gateway.postJob("e2e-2", A)).isEqualTo(202);
            assertThat(gateway.postJob("e2e-3", B)).isEqualTo(202);
            assertThat(gateway.postJob("e2e-1", A)).isEqualTo(202);
            await(Duration.ofSeconds(60), () -> gateway.get("/getTranscodersJobs").get("jobs").size() == 3);

            // Admission: A registers with a fast benchmark; pool dev's performance topology and projector serve its status.
            assertThat(gateway.registerTranscoder(A)).isEqualTo(200);
            await(Duration.ofSeconds(60), () -> gateway.get("/getTranscoderStatus?transcoderAddress=" + A)
                    .get("status").asText().equals("admitted"));
            assertThat(gateway.get("/getTranscoderStatus?transcoderAddress=" + A).get("maxSessions").asInt()).isEqualTo(10);

            // Revenue: a 1 ETH winning ticket to the pool's orchestrator, posted to the gateway like an orchestrator
            // does; the redeemer worker redeems it on chain (paid from the deposit) with the dev "redeemer" wallet.
            Web3j web3j = Web3j.build(new HttpService(c.chainRpcUrl()));
            try {
                ChainReader reader = new ChainReader(web3j);
                RoundsManagerClient rounds = new RoundsManagerClient(reader, Address.parse(c.contracts().get("roundsManager")));
                TicketMaker broadcaster = new TicketMaker(rounds, Credentials.create(c.accounts().get("broadcaster").privateKey()));
                TicketBrokerClient broker = new TicketBrokerClient(reader, Address.parse(c.contracts().get("ticketBroker")));
                SignedTicket ticket = broadcaster.make(Address.parse(c.orchestrator()), ONE_ETH, TicketMaker.ALWAYS_WINS);
                assertThat(gateway.postTicket(ticket)).isBetween(200, 299);
                await(Duration.ofSeconds(90), () -> broker.isUsed(ticket.hash()));
                Address redeemerWallet = Address.parse(c.accounts().get("redeemer").address());
                assertThat(web3j.ethGetTransactionCount(redeemerWallet.hex(), DefaultBlockParameterName.LATEST).send()
                        .getTransactionCount()).as("redeemed by the worker's wallet").isPositive();
            } finally {
                web3j.shutdown();
            }
            Thread.sleep(3_000); // let the ledger take the jobs into this epoch before the round closes

            // A new round settles. If a job still fell into the next epoch, the revenue carries: advance again.
            JsonNode settled = null;
            for (int attempt = 0; attempt < 3 && settled == null; attempt++) {
                AdvanceRoundCommand advance = new AdvanceRoundCommand();
                advance.dataDir = dir;
                assertThat(advance.call()).isZero();
                long chainRound = currentRound(c);
                await(Duration.ofSeconds(10), () -> gateway.get("/status").get("round").asLong() == chainRound);
                settled = awaitValue(Duration.ofSeconds(60), () -> {
                    for (JsonNode s : gateway.get("/getSettlements").get("settlements")) {
                        if (!s.get("distributed").asText().equals("0")) {
                            return s;
                        }
                    }
                    return null;
                }, attempt == 2);
            }
            // 1 ETH transferred; the orchestrator's on-chain feeShare (25%, its TranscoderUpdate on the dev chain) goes to
            // its delegators: revenue 0.75 ETH; pool fee 5% = 0.0375 ETH; 0.7125 ETH over weights 2:1 divides exactly:
            // A 0.475 ETH, B 0.2375 ETH, no leftover wei.
            assertThat(settled.get("revenue").asText()).isEqualTo("750000000000000000");
            assertThat(settled.get("poolFee").asText()).isEqualTo("37500000000000000");
            assertThat(settled.get("distributed").asText()).isEqualTo("712500000000000000");
            assertThat(settled.get("carriedRevenue").asText()).isEqualTo("0");
            long round = settled.get("round").asLong();

            JsonNode rewardsA = awaitValue(Duration.ofSeconds(30), () -> nonEmpty(gateway.get("/getTranscoderRewards?transcoderAddress=" + A), "rewards"), true);
            assertThat(rewardsA.get(0).get("round").asLong()).isEqualTo(round);
            assertThat(rewardsA.get(0).get("amount").asText()).isEqualTo("475000000000000000");
            JsonNode rewardsB = awaitValue(Duration.ofSeconds(30), () -> nonEmpty(gateway.get("/getTranscoderRewards?transcoderAddress=" + B), "rewards"), true);
            assertThat(rewardsB.get(0).get("amount").asText()).isEqualTo("237500000000000000");

            // Both passed the 0.01 ETH threshold: each balance became a payout request, which the payout worker pays
            // through PoolPayouts on the dev chain; the projector moves it to Paid with the transaction.
            JsonNode payoutsB = awaitValue(Duration.ofSeconds(30), () -> nonEmpty(gateway.get("/getTranscoderPayouts?transcoderAddress=" + B), "payouts"), true);
            assertThat(payoutsB.get(0).get("amount").asText()).isEqualTo("237500000000000000");
            JsonNode paidB = awaitValue(Duration.ofSeconds(120), () -> {
                JsonNode p = gateway.get("/getTranscoderPayouts?transcoderAddress=" + B).get("payouts").get(0);
                return p != null && p.get("status").asText().equals("Paid") ? p : null;
            }, true);
            String payoutTx = paidB.get("txHash").asText();
            assertThat(payoutTx).matches("0x[0-9a-f]{64}");
            Web3j chainClient = Web3j.build(new HttpService(c.chainRpcUrl()));
            try {
                TransactionReceipt receipt = chainClient.ethGetTransactionReceipt(payoutTx).send().getTransactionReceipt()
                        .orElseThrow();
                assertThat(receipt.isStatusOK()).isTrue();
                Log paidLog = receipt.getLogs().stream()
                        .filter(l -> l.getTopics().get(0).equalsIgnoreCase(Abi.topic(PoolPayoutsClient.PAYOUT_PAID)))
                        .filter(l -> l.getTopics().get(1).equalsIgnoreCase(
                                PoolPayoutsClient.onChainId(paidB.get("payoutId").asText()).hex()))
                        .findFirst().orElseThrow(() -> new AssertionError("no PayoutPaid log for B's payout in " + payoutTx));
                assertThat(Address.parse("0x" + paidLog.getTopics().get(2).substring(26))).isEqualTo(Address.parse(B));
                BigInteger sent = new BigInteger(paidLog.getData().substring(2), 16);
                assertThat(sent.toString()).isEqualTo(paidB.get("amountSent").asText());
                // B's address held nothing before: its balance on chain is exactly what the ledger paid it, once
                assertThat(chainClient.ethGetBalance(B, DefaultBlockParameterName.LATEST).send().getBalance()).isEqualTo(sent);
            } finally {
                chainClient.shutdown();
            }
            await(Duration.ofSeconds(120), () -> gateway.get("/getTranscoderBalance?transcoderAddress=" + A)
                    .get("payoutsOnHold").asText().equals("0"));
            JsonNode balanceA = gateway.get("/getTranscoderBalance?transcoderAddress=" + A);
            assertThat(balanceA.get("balance").asText()).isEqualTo("0");

            JsonNode status = gateway.get("/status");
            assertThat(status.get("round").asLong()).isGreaterThanOrEqualTo(round);
            assertThat(status.get("error").isNull()).isTrue();

            // What a member sees: the dashboard in a real browser renders the pool and A's page with this data.
            DashboardBrowser.check(c.gatewayUrl(), A);
            // The auditor's view of this live pool, with the file pool dev wrote for every pool command: the export
            // of the retained topics replays to exactly what the ledger published.
            Path properties = dir.resolve("pool.properties");
            assertThat(properties).exists();
            Audit audit = audit(properties);
            assertThat(audit.exitCode()).as(audit.out()).isZero();
            assertThat(audit.out()).matches("(?s)audit: [1-9][0-9]* settlements, [1-9][0-9]* allocations, "
                    + "[1-9][0-9]* payout requests, all equal\\s*");
            // One forged allocation (a second record for B in the settled round) is named, exit 1.
            forgeAllocation(c, round, B);
            Audit tampered = audit(properties);
            assertThat(tampered.exitCode()).as(tampered.out()).isEqualTo(1);
            assertThat(tampered.out()).contains("audit: difference: round " + round + ": allocation of " + B
                    + " published twice");
        } finally {
            dev.stop();
            running.join(60_000);
        }
        assertThat(running.isAlive()).isFalse();
    }

    private record Audit(int exitCode, String out) {
    }

    /** {@code pool ledger audit --config FILE}, the production command, in this JVM. */
    private static Audit audit(Path properties) {
        picocli.CommandLine cli = PoolDev.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out, true));
        int code = cli.execute("ledger", "audit", "--config", properties.toString());
        return new Audit(code, out.toString());
    }

    private static void forgeAllocation(DevCredentials c, long round, String transcoder) throws Exception {
        try (io.livepeerpool.schemas.registry.SchemaRegistryClient registry =
                     io.livepeerpool.schemas.registry.SchemaRegistryClient.connect(c.schemaRegistryUrl());
             org.apache.kafka.clients.producer.KafkaProducer<String, io.livepeerpool.schemas.avro.Allocation> out =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of(
                             org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                             c.kafkaBootstrapServers()), new org.apache.kafka.common.serialization.StringSerializer(),
                             io.livepeerpool.schemas.serde.AvroSerde.forTopic(
                                     io.livepeerpool.schemas.topics.Topics.LEDGER_ALLOCATIONS, registry).serializer())) {
            out.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    io.livepeerpool.schemas.topics.Topics.LEDGER_ALLOCATIONS.name(), transcoder,
                    new io.livepeerpool.schemas.avro.Allocation(round, transcoder, new java.math.BigDecimal(1),
                            new java.math.BigDecimal("316666666666666668"), java.math.BigDecimal.ZERO))).get();
        }
    }

    private static long currentRound(DevCredentials c) {
        Web3j web3j = Web3j.build(new HttpService(c.chainRpcUrl()));
        try {
            return new RoundsManagerClient(new ChainReader(web3j), Address.parse(c.contracts().get("roundsManager")))
                    .currentRound().longValueExact();
        } finally {
            web3j.shutdown();
        }
    }

    private static JsonNode nonEmpty(JsonNode body, String field) {
        return body.get(field).isEmpty() ? null : body.get(field);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private interface Value {
        JsonNode get() throws Exception;
    }

    private static void await(Duration timeout, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.ok()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    private static JsonNode awaitValue(Duration timeout, Value value, boolean required) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(250);
        }
        if (required) {
            throw new AssertionError("no value within " + timeout);
        }
        return null;
    }

    /** The gateway as an orchestrator and a reader meet it: HTTPS pinned to its certificate, HMAC-signed writes. */
    private static final class Gateway {
        private final HttpClient http;
        private final URI base;
        private final RequestSigner signer;

        Gateway(DevCredentials c) throws Exception {
            this.http = HttpClient.newBuilder().sslContext(PinnedTls.trusting(Path.of(c.certificateFile()))).build();
            this.base = URI.create(c.gatewayUrl());
            this.signer = RequestSigner.of(c.keyId(), c.secret());
        }

        int postJob(String jobId, String transcoder) throws Exception {
            byte[] body = ("{\"jobDetails\":{\"jobId\":\"" + jobId + "\",\"transcoder\":\"" + transcoder
                    + "\",\"pixels\":75254400,\"duration\":\"2.0\",\"profiles\":3,\"roundJob\":1}}").getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/recordTranscoderJob"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, String> h : signer.headers("POST", "/recordTranscoderJob", body).entrySet()) {
                request.header(h.getKey(), h.getValue());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        int registerTranscoder(String transcoder) throws Exception {
            byte[] body = ("{\"registration\":{\"transcoder\":\"" + transcoder + "\",\"benchmark\":{\"realtimeRatio\":0.01,"
                    + "\"latencyMs\":10,\"downloadMbps\":1000,\"uploadMbps\":1000}}}").getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/registerTranscoder"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, String> h : signer.headers("POST", "/registerTranscoder", body).entrySet()) {
                request.header(h.getKey(), h.getValue());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        int postTicket(SignedTicket t) throws Exception {
            Map<String, Object> ticket = new java.util.LinkedHashMap<>();
            ticket.put("recipient", t.ticket().recipient().hex());
            ticket.put("sender", t.ticket().sender().hex());
            ticket.put("faceValue", t.ticket().faceValue().toString());
            ticket.put("winProb", t.ticket().winProb().toString());
            ticket.put("senderNonce", t.ticket().senderNonce().toString());
            ticket.put("recipientRandHash", t.ticket().recipientRandHash().hex());
            ticket.put("creationRound", t.ticket().creationRound().longValueExact());
            ticket.put("creationRoundBlockHash", t.ticket().creationRoundBlockHash().hex());
            ticket.put("sig", "0x" + java.util.HexFormat.of().formatHex(t.sig()));
            ticket.put("recipientRand", t.recipientRand().toString());
            byte[] body = Json.mapper().writeValueAsBytes(Map.of("winningTicket", ticket));
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/recordWinningTicket"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, String> h : signer.headers("POST", "/recordWinningTicket", body).entrySet()) {
                request.header(h.getKey(), h.getValue());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        JsonNode get(String pathAndQuery) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
            return Json.mapper().readTree(response.body());
        }
    }
}
