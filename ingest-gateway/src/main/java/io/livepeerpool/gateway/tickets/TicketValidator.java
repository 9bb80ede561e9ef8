package io.livepeerpool.gateway.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.validation.Fields;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.protocol.ticket.TicketSignature;
import io.livepeerpool.protocol.ticket.WinningCheck;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules for {@code POST /recordWinningTicket} ({@code {"winningTicket": {...}}}): first every field's shape,
 * then, on a well-formed ticket, what the chain will check: the signature recovers {@code sender} (field
 * {@code sig}), keccak256(leftpad32(recipientRand)) equals recipientRandHash (field {@code recipientRand}), the
 * ticket wins (field {@code sig}, "ticket did not win"), and the recipient is one of this pool's orchestrators
 * (field {@code recipient}). Whether the ticket is still valid for its creation round and unused is chain state,
 * left to the redeemer.
 */
public final class TicketValidator {
    private static final String ROOT = "winningTicket";
    private static final Set<String> FIELDS = Set.of("recipient", "sender", "faceValue", "winProb", "senderNonce",
            "recipientRandHash", "creationRound", "creationRoundBlockHash", "sig", "recipientRand",
            "paramsExpirationBlock", "wonAt", "txHash", "gasFees");
    private static final Pattern SIG = Pattern.compile("(0x)?[0-9a-fA-F]{130}");
    /** 9999-12-31T23:59:59.999Z: beyond it an ISO instant needs more than four year digits. */
    private static final long WON_AT_MAX_MS = 253_402_300_799_999L;

    private final Predicate<Address> isPoolOrchestrator;

    public TicketValidator(Predicate<Address> isPoolOrchestrator) {
        this.isPoolOrchestrator = isPoolOrchestrator;
    }

    public Validated<ValidTicket> validate(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        Fields root = Fields.of(body, "", problems);
        root.rejectUnknown(Set.of(ROOT));
        ValidTicket shaped = shape(root.node(ROOT, true), problems);
        if (shaped != null) {
            checkAgainstChainRules(shaped, problems);
        }
        return problems.isEmpty() ? Validated.valid(shaped) : Validated.invalid(problems);
    }

    private ValidTicket shape(JsonNode node, List<Problem> problems) {
        if (node == null) {
            return null; // recorded as missing by the caller
        }
        int before = problems.size();
        Fields f = Fields.of(node, ROOT, problems);
        if (!f.isObject()) {
            return null;
        }
        f.rejectUnknown(FIELDS);
        Address recipient = f.address("recipient");
        Address sender = f.address("sender");
        BigInteger faceValue = f.uint256("faceValue", true, null);
        BigInteger winProb = f.uint256("winProb", true, null);
        BigInteger senderNonce = f.uint256("senderNonce", true, null);
        Bytes32 recipientRandHash = f.bytes32("recipientRandHash", true);
        Long creationRound = f.integer("creationRound", true, 0, Fields.INTEGER_MAX);
        Bytes32 creationRoundBlockHash = f.bytes32("creationRoundBlockHash", true);
        String sig = f.string("sig", true, SIG, "must be 65 bytes as 130 hex digits, 0x optional");
        BigInteger recipientRand = f.uint256("recipientRand", true, null);
        Long paramsExpirationBlock = f.integer("paramsExpirationBlock", false, 0, Fields.INTEGER_MAX);
        Instant wonAt = wonAt(f);
        Bytes32 txHash = f.bytes32("txHash", false);
        BigInteger gasFees = f.uint256("gasFees", false, null);
        if (problems.size() > before) {
            return null;
        }
        Ticket ticket = new Ticket(recipient, sender, faceValue, winProb, senderNonce, recipientRandHash,
                BigInteger.valueOf(creationRound), creationRoundBlockHash);
        byte[] sigBytes = HexFormat.of().parseHex(sig.startsWith("0x") ? sig.substring(2) : sig);
        return new ValidTicket(ticket, TicketHash.of(ticket), sigBytes, recipientRand, paramsExpirationBlock,
                wonAt, txHash, gasFees);
    }

    private void checkAgainstChainRules(ValidTicket t, List<Problem> problems) {
        if (!isPoolOrchestrator.test(t.ticket().recipient())) {
            problems.add(new Problem(ROOT + ".recipient", "is not one of this pool's orchestrators"));
        }
        Optional<Address> signer = TicketSignature.recover(t.ticketHash(), t.sig());
        if (signer.isEmpty()) {
            problems.add(new Problem(ROOT + ".sig", "is not a valid recoverable signature"));
        } else if (!signer.get().equals(t.ticket().sender())) {
            problems.add(new Problem(ROOT + ".sig", "was not made by sender " + t.ticket().sender()));
        }
        if (!WinningCheck.recipientRandHash(t.recipientRand()).equals(t.ticket().recipientRandHash())) {
            problems.add(new Problem(ROOT + ".recipientRand", "recipientRand does not match recipientRandHash"));
        }
        if (!WinningCheck.wins(t.sig(), t.recipientRand(), t.ticket().winProb())) {
            problems.add(new Problem(ROOT + ".sig", "ticket did not win"));
        }
    }

    /** ISO-8601 instant string ({@code 2025-06-01T12:00:00Z}, offsets allowed) or a JSON integer of Unix milliseconds. */
    private static Instant wonAt(Fields f) {
        JsonNode node = f.node("wonAt", false);
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            Long ms = f.integer("wonAt", false, 0, WON_AT_MAX_MS);
            return ms == null ? null : Instant.ofEpochMilli(ms);
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                // falls through to the problem below
            }
        }
        f.problem("wonAt", "must be an ISO-8601 instant string (e.g. 2025-06-01T12:00:00Z) or Unix milliseconds");
        return null;
    }
}
