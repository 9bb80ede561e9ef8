package io.livepeerpool.gateway.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

class TicketValidatorTest {
    static final Address POOL = Address.parse("0x1111111111111111111111111111111111111111");
    final TicketValidator validator = new TicketValidator(POOL::equals);
    final ECKeyPair sender = TestTickets.newKey();

    @Test
    void aWinningTicketSignedByItsSenderIsValid() {
        ObjectNode ticket = TestTickets.winning(POOL, sender);

        ValidTicket valid = validator.validate(TestTickets.body(ticket)).value();

        assertThat(valid.ticket().sender()).isEqualTo(TestTickets.address(sender));
        assertThat(valid.ticketHash().hex()).isEqualTo(TestTickets.ticketHash(ticket));
        assertThat(valid.wonAt()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(valid.paramsExpirationBlock()).isEqualTo(123_456L);
    }

    @Test
    void aTicketSignedByAnotherKeyIsRefusedOnSig() {
        ObjectNode forged = TestTickets.ticket(POOL, sender, TestTickets.newKey(), Uint256.MAX, BigInteger.TEN, null);

        assertThat(validator.validate(TestTickets.body(forged)).problems())
                .contains(new Problem("winningTicket.sig", "was not made by sender " + TestTickets.address(sender)));
    }

    @Test
    void aLosingTicketIsRefusedAsTheChainWould() {
        ObjectNode losing = TestTickets.ticket(POOL, sender, sender, BigInteger.ZERO, BigInteger.TEN, null);

        assertThat(validator.validate(TestTickets.body(losing)).problems())
                .containsExactly(new Problem("winningTicket.sig", "ticket did not win"));
    }

    @Test
    void aRecipientRandThatDoesNotMatchItsCommitmentIsRefused() {
        ObjectNode ticket = TestTickets.ticket(POOL, sender, sender, Uint256.MAX, BigInteger.TEN, BigInteger.valueOf(11));

        assertThat(validator.validate(TestTickets.body(ticket)).problems())
                .containsExactly(new Problem("winningTicket.recipientRand", "recipientRand does not match recipientRandHash"));
    }

    @Test
    void aTicketForSomeoneElsesOrchestratorIsRefused() {
        ObjectNode ticket = TestTickets.winning(Address.parse("0x3333333333333333333333333333333333333333"), sender);

        assertThat(validator.validate(TestTickets.body(ticket)).problems())
                .containsExactly(new Problem("winningTicket.recipient", "is not one of this pool's orchestrators"));
    }

    @Test
    void recipientRandMayBeHexAndSigNeedsNo0x() {
        ObjectNode ticket = TestTickets.winning(POOL, sender);
        ticket.put("recipientRand", "0x" + new BigInteger(ticket.get("recipientRand").textValue()).toString(16));
        ticket.put("sig", ticket.get("sig").textValue().substring(2));
        ticket.put("wonAt", 1_748_779_200_000L);

        Validated<ValidTicket> result = validator.validate(TestTickets.body(ticket));

        assertThat(result.problems()).isEmpty();
        assertThat(result.value().wonAt()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
    }

    @Test
    void shapesAreCheckedFieldByFieldBeforeAnyCryptography() {
        ObjectNode ticket = TestTickets.winning(POOL, sender);
        ticket.put("sig", "0x1234");
        ticket.put("recipientRandHash", "0x12");
        ticket.put("winProb", "-1");
        ticket.put("wonAt", "yesterday");
        ticket.put("txHash", "0xzz");
        ticket.put("creationRound", -1);
        ticket.put("bogus", 1);
        ticket.remove("senderNonce");

        assertThat(validator.validate(TestTickets.body(ticket)).problems()).extracting(Problem::field).containsExactlyInAnyOrder(
                "winningTicket.sig", "winningTicket.recipientRandHash", "winningTicket.winProb", "winningTicket.wonAt",
                "winningTicket.txHash", "winningTicket.creationRound", "winningTicket.bogus", "winningTicket.senderNonce");
    }

    @Test
    void aSignatureWithAnImpossibleRecoveryByteIsNotAFault() {
        ObjectNode ticket = TestTickets.winning(POOL, sender);
        String sig = ticket.get("sig").textValue();
        ticket.put("sig", sig.substring(0, sig.length() - 2) + "05");

        assertThat(validator.validate(TestTickets.body(ticket)).problems())
                .contains(new Problem("winningTicket.sig", "is not a valid recoverable signature"));
    }

    @Test
    void aZeroBasedRecoveryByteIsRefusedBecauseTheChainRefusesIt() {
        ObjectNode ticket = TestTickets.winning(POOL, sender);
        String sig = ticket.get("sig").textValue();
        String v = sig.substring(sig.length() - 2).equals("1b") ? "00" : "01";
        ticket.put("sig", sig.substring(0, sig.length() - 2) + v);

        assertThat(validator.validate(TestTickets.body(ticket)).problems())
                .contains(new Problem("winningTicket.sig", "is not a valid recoverable signature"));
    }
}
