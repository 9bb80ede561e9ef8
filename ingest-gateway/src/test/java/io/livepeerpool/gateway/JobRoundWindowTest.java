package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's round window at the gateway, against a real dev chain and broker: with the chain's current round R
 * known, a job the ledger would refuse (roundJob below R - retainRounds, or above R + 1) is answered 400 naming
 * roundJob and nothing reaches the jobs topic, not even inside an aborted transaction; without a known round every
 * roundJob is taken.
 */
class JobRoundWindowTest {
    private static final int RETAIN = 2;

    @TempDir
    static Path dir;
    static DevChain chain;
    static DevNetwork network;
    static TestGateway gateway;
    static TopicProbe<TranscoderJob> committed;
    static TopicProbe<TranscoderJob> reached;
    static long round;

    @BeforeAll
    static void start() throws Exception {
        chain = DevChain.start();
        network = DevNetwork.deploy(chain, DeployOptions.defaults());
        round = network.roundAdvancer().advance(RETAIN + 3).longValueExact(); // R - retain - 1 >= 0: a late job exists
        gateway = TestGateway.start(dir, chainSettings(chain.rpcUrl(), network));
        committed = new TopicProbe<>(TestGateway.devstack(), Topics.TRANSCODER_JOBS);
        reached = new TopicProbe<>(TestGateway.devstack(), Topics.TRANSCODER_JOBS, "read_uncommitted");
        awaitGatewayRound(gateway, round);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {reached, committed, gateway, chain}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void mark() throws Exception {
        awaitGatewayRound(gateway, round); // also keeps the gateway's chain snapshot recent
        committed.mark();
        reached.mark();
    }

    static Map<String, String> chainSettings(String rpcUrl, DevNetwork network) {
        return Map.of(
                "chain.rpcUrl", rpcUrl,
                "chain.ticketBroker", network.contracts().ticketBroker().hex(),
                "chain.roundsManager", network.contracts().roundsManager().hex(),
                "chain.bondingManager", network.contracts().bondingManager().hex(),
                "chain.confirmations", "1",
                "chainWatcher.id", "round-window-test-" + System.nanoTime(),
                "ledger.dedupe.retainRounds", Integer.toString(RETAIN));
    }

    /** The gateway reads the chain in the background: wait until /status shows R as the last initialized round. */
    static void awaitGatewayRound(TestGateway gateway, long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        long shown = -1;
        while (shown != expected && Instant.now().isBefore(deadline)) {
            shown = gateway.get("/status").json().path("lastInitializedRound").asLong(-1);
            if (shown != expected) {
                Thread.sleep(100);
            }
        }
        assertThat(shown).as("the gateway's lastInitializedRound").isEqualTo(expected);
    }

    static Address newTranscoder() {
        return Address.parse("0x" + UUID.randomUUID().toString().replace("-", "") + "00000000");
    }

    static ObjectNode job(String jobId, Address transcoder, long roundJob) {
        ObjectNode job = Json.mapper().createObjectNode();
        job.put("jobId", jobId);
        job.put("transcoder", transcoder.checksummed());
        job.put("pixels", 3_110_400);
        job.put("duration", "2.5");
        job.put("profiles", 3);
        job.put("roundJob", roundJob);
        return job;
    }

    static TestGateway.Answer postOne(TestGateway gateway, ObjectNode job) throws Exception {
        return gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":" + job + "}");
    }

    List<ConsumerRecord<String, TranscoderJob>> writtenFor(Address transcoder) {
        assertThat(reached.sinceMark()).filteredOn(r -> r.value().getTranscoder().equals(transcoder.hex()))
                .as("records that reached the broker, committed or not").hasSize(committed.sinceMark().stream()
                        .filter(r -> r.value().getTranscoder().equals(transcoder.hex())).toList().size());
        return committed.sinceMark().stream().filter(r -> r.value().getTranscoder().equals(transcoder.hex()))
                .toList();
    }

    @Test
    void aLateJobIsRefusedNamingRoundJobAndNothingIsWritten() throws Exception {
        Address transcoder = newTranscoder();
        long late = round - RETAIN - 1;

        TestGateway.Answer answer = postOne(gateway, job("late-1", transcoder, late));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid");
        assertThat(answer.field()).isEqualTo("jobDetails.roundJob");
        assertThat(answer.json().get("message").asText()).isEqualTo("jobDetails.roundJob: " + late
                + " is below the current round " + round + " minus ledger.dedupe.retainRounds " + RETAIN
                + ": the ledger would refuse it as late");
        assertThat(reached.sinceMark()).filteredOn(r -> r.value().getTranscoder().equals(transcoder.hex())).isEmpty();
    }

    @Test
    void aFutureJobIsRefusedNamingRoundJobAndNothingIsWritten() throws Exception {
        Address transcoder = newTranscoder();

        TestGateway.Answer answer = postOne(gateway, job("future-1", transcoder, round + 2));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("jobDetails.roundJob");
        assertThat(answer.json().get("message").asText()).isEqualTo("jobDetails.roundJob: " + (round + 2)
                + " is above the current round " + round + " plus 1: the ledger would refuse it as future");
        assertThat(reached.sinceMark()).filteredOn(r -> r.value().getTranscoder().equals(transcoder.hex())).isEmpty();
    }

    @Test
    void jobsAtBothEdgesOfTheWindowAreAccepted() throws Exception {
        Address transcoder = newTranscoder();

        assertThat(postOne(gateway, job("edge-low", transcoder, round - RETAIN)).status()).isEqualTo(202);
        assertThat(postOne(gateway, job("edge-now", transcoder, round)).status()).isEqualTo(202);
        assertThat(postOne(gateway, job("edge-high", transcoder, round + 1)).status()).isEqualTo(202);

        assertThat(writtenFor(transcoder)).extracting(r -> r.value().getRoundJob())
                .containsExactlyInAnyOrder(round - RETAIN, round, round + 1);
    }

    @Test
    void aBatchWithOneJobOutsideTheWindowIsRefusedWholeNamingItsIndex() throws Exception {
        Address transcoder = newTranscoder();
        ArrayNode jobs = Json.mapper().createArrayNode();
        jobs.add(job("b-0", transcoder, round));
        jobs.add(job("b-1", transcoder, round + 1));
        jobs.add(job("b-2", transcoder, round - RETAIN - 1));
        jobs.add(job("b-3", transcoder, round - 1));

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":" + jobs + "}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("jobs[2].roundJob");
        assertThat(answer.json().get("message").asText()).endsWith("the ledger would refuse it as late");
        assertThat(reached.sinceMark()).filteredOn(r -> r.value().getTranscoder().equals(transcoder.hex())).isEmpty();

        jobs.remove(2);
        TestGateway.Answer accepted = gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":" + jobs + "}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(committed.await(r -> r.value().getTranscoder().equals(transcoder.hex()), 3, Duration.ofSeconds(10))).hasSize(3);
    }

    @Test
    void theWindowMovesWithTheChainsRound() throws Exception {
        Address transcoder = newTranscoder();
        long oldest = round - RETAIN;
        long next = network.roundAdvancer().advance().longValueExact();
        try {
            awaitGatewayRound(gateway, next);

            assertThat(postOne(gateway, job("moved-1", transcoder, oldest)).field())
                    .as("in the window at R, late at R + 1").isEqualTo("jobDetails.roundJob");
            assertThat(postOne(gateway, job("moved-2", transcoder, next + 1)).status()).isEqualTo(202);
        } finally {
            round = next; // the other tests draw their window around the chain's round
        }
    }

    @Test
    void withoutAChainEveryRoundJobIsAccepted(@TempDir Path own) throws Exception {
        Address transcoder = newTranscoder();
        try (TestGateway noChain = TestGateway.start(own, Map.of("ledger.dedupe.retainRounds", "0"))) {
            assertThat(postOne(noChain, job("no-chain-0", transcoder, 0)).status()).isEqualTo(202);
            assertThat(postOne(noChain, job("no-chain-far", transcoder, round + 1_000)).status()).isEqualTo(202);
        }
        assertThat(writtenFor(transcoder)).hasSize(2);
    }

    @Test
    void anUnreachableChainLeavesTheRoundUnknownAndJobsAreAccepted(@TempDir Path own) throws Exception {
        Address transcoder = newTranscoder();
        Map<String, String> settings = new java.util.HashMap<>(chainSettings("http://127.0.0.1:1", network));
        try (TestGateway unreachable = TestGateway.start(own, settings)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (unreachable.get("/status").json().path("error").asText("").contains("not read yet")
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(unreachable.get("/status").json().path("error").asText()).startsWith("rpc: ");

            assertThat(postOne(unreachable, job("rpc-down-0", transcoder, 0)).status()).isEqualTo(202);
            assertThat(postOne(unreachable, job("rpc-down-far", transcoder, round + 1_000)).status()).isEqualTo(202);
        }
        assertThat(writtenFor(transcoder)).hasSize(2);
    }
}
