package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.tickets.TestTickets;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/** Winning tickets against a real broker, signed with real secp256k1 keys. */
class TicketIngestTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;
    static TopicProbe<WinningTicket> tickets;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir);
        tickets = new TopicProbe<>(TestGateway.devstack(), Topics.WINNING_TICKETS);
    }

    @AfterAll
    static void stop() {
        if (tickets != null) {
            tickets.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void mark() {
        tickets.mark();
    }

    final ECKeyPair sender = TestTickets.newKey();

    TestGateway.Answer post(ObjectNode ticket) throws Exception {
        return gateway.postSigned("/recordWinningTicket", TestTickets.body(ticket).toString());
    }

    @Test
    void aValidWinningTicketIsAcceptedWithItsHashAndKeyedBySender() throws Exception {
        ObjectNode ticket = TestTickets.winning(TestGateway.ORCH_A, sender);
        String hash = TestTickets.ticketHash(ticket);

        TestGateway.Answer answer = post(ticket);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("status").asText()).isEqualTo("accepted");
        assertThat(answer.json().get("ticketHash").asText()).isEqualTo(hash);
        List<ConsumerRecord<String, WinningTicket>> records = tickets.sinceMark();
        assertThat(records).hasSize(1);
        Address senderAddress = TestTickets.address(sender);
        assertThat(records.get(0).key()).isEqualTo(senderAddress.hex());
        WinningTicket value = records.get(0).value();
        assertThat(value.getTicketHash()).isEqualTo(hash);
        assertThat(value.getSender()).isEqualTo(senderAddress.hex());
        assertThat(value.getRecipient()).isEqualTo(TestGateway.ORCH_A.hex());
        assertThat(value.getOrchestrator()).isEqualTo(TestGateway.ORCH_A.hex());
        assertThat(value.getKeyId()).isEqualTo(TestGateway.KEY_A1);
        assertThat(value.getFaceValue()).isEqualTo(new BigDecimal("250000000000000000"));
        assertThat(value.getWinProb()).isEqualTo(new BigDecimal(Uint256.MAX));
        assertThat(value.getRecipientRand()).isEqualTo(new BigDecimal(ticket.get("recipientRand").asText()));
        assertThat(value.getSig()).isEqualTo(ticket.get("sig").asText());
        assertThat(value.getCreationRound()).isEqualTo(3500L);
        assertThat(value.getParamsExpirationBlock()).isEqualTo(123_456L);
        assertThat(value.getWonAt()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(value.getTxHash()).isNull();
        assertThat(value.getGasFees()).isNull();
    }

    @Test
    void aTicketForTheOtherPoolOrchestratorIsAlsoAccepted() throws Exception {
        ObjectNode ticket = TestTickets.winning(TestGateway.ORCH_B, sender);
        ticket.put("txHash", "0x" + "ab".repeat(32));
        ticket.put("gasFees", "21000000000000");

        assertThat(post(ticket).status()).isEqualTo(202);
        WinningTicket value = tickets.sinceMark().get(0).value();
        assertThat(value.getTxHash()).isEqualTo("0x" + "ab".repeat(32));
        assertThat(value.getGasFees()).isEqualTo(new BigDecimal("21000000000000"));
    }

    @Test
    void aForgedTicketSignedByAnotherKeyIsRefused() throws Exception {
        ObjectNode forged = TestTickets.ticket(TestGateway.ORCH_A, sender, TestTickets.newKey(), Uint256.MAX, BigInteger.TEN, null);

        TestGateway.Answer answer = post(forged);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("winningTicket.sig");
        assertThat(answer.json().get("message").asText()).contains("was not made by sender");
        assertThat(tickets.sinceMark()).isEmpty();
    }

    @Test
    void aNonWinningTicketIsRefused() throws Exception {
        ObjectNode losing = TestTickets.ticket(TestGateway.ORCH_A, sender, sender, BigInteger.ONE, BigInteger.TEN, null);

        TestGateway.Answer answer = post(losing);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("winningTicket.sig");
        assertThat(answer.json().get("message").asText()).contains("ticket did not win");
        assertThat(tickets.sinceMark()).isEmpty();
    }

    @Test
    void aWrongRecipientRandIsRefused() throws Exception {
        ObjectNode ticket = TestTickets.ticket(TestGateway.ORCH_A, sender, sender, Uint256.MAX, BigInteger.TEN, BigInteger.TWO);

        TestGateway.Answer answer = post(ticket);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("winningTicket.recipientRand");
        assertThat(tickets.sinceMark()).isEmpty();
    }

    @Test
    void aTicketForAnOrchestratorOutsideThePoolIsRefused() throws Exception {
        ObjectNode ticket = TestTickets.winning(Address.parse("0x00000000000000000000000000000000000000d4"), sender);

        TestGateway.Answer answer = post(ticket);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("winningTicket.recipient");
        assertThat(tickets.sinceMark()).isEmpty();
    }

    @Test
    void malformedFieldsAreNamed() throws Exception {
        ObjectNode ticket = TestTickets.winning(TestGateway.ORCH_A, sender);
        ticket.put("creationRoundBlockHash", "0x1234");

        TestGateway.Answer answer = post(ticket);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field()).isEqualTo("winningTicket.creationRoundBlockHash");
        assertThat(tickets.sinceMark()).isEmpty();
    }
}
