package io.livepeerpool.launcher.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.tickets.TicketValidator;
import io.livepeerpool.gateway.validation.Fields;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketInspection;
import io.livepeerpool.protocol.ticket.WinningCheck;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Inspects one {@code winningTicket} object as {@code POST /recordWinningTicket} takes it. The problems are the
 * gateway's own ({@link TicketValidator}, with any recipient allowed, since the pool's orchestrators are not known
 * offline), named by field without the {@code winningTicket.} prefix. Hash, signer, recipientRand and draw come from
 * {@link TicketInspection} whenever the ticket's fields can be read, so a broken ticket still shows what it hashes to
 * and who signed it.
 */
public final class TicketInspector {
    private static final String ROOT = "winningTicket";
    private static final Pattern SIG = Pattern.compile("(0x)?[0-9a-fA-F]{130}");
    private static final TicketValidator GATEWAY_RULES = new TicketValidator(anyRecipient -> true);

    /** The outcome: the JSON report, and whether the ticket is a valid winning ticket signed by its sender. */
    public record Result(ObjectNode report, boolean validWinningTicket) {
    }

    private TicketInspector() {
    }

    /** {@code ticket} is the inner winningTicket object; a whole request body {"winningTicket": {...}} also works. */
    public static Result inspect(JsonNode ticket) {
        JsonNode inner = unwrap(ticket);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set(ROOT, inner);
        List<String> problems = GATEWAY_RULES.validate(body).problems().stream().map(TicketInspector::named).toList();
        Optional<Parsed> parsed = parse(inner);
        Optional<TicketInspection> inspection = parsed.map(p -> TicketInspection.of(p.ticket(), p.sig(), p.recipientRand()));

        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("ticketHash", inspection.map(i -> i.ticketHash().toString()).orElse(null));
        report.put("signer", inspection.flatMap(TicketInspection::signer).map(Address::checksummed).orElse(null));
        report.put("signerIsSender", inspection.map(TicketInspection::signerIsSender).orElse(false));
        report.put("recipientRandMatches", inspection.map(TicketInspection::recipientRandMatches)
                .orElseGet(() -> recipientRandMatches(inner)));
        report.put("wins", inspection.map(TicketInspection::wins).orElse(null));
        report.putArray("problems").addAll(problems.stream().map(JsonNodeFactory.instance::textNode).toList());
        boolean valid = problems.isEmpty() && inspection.map(TicketInspection::isValidWinningTicket).orElse(false);
        return new Result(report, valid);
    }

    private static JsonNode unwrap(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 1 && node.has(ROOT)) {
            return node.get(ROOT);
        }
        return node;
    }

    private static String named(Problem p) {
        String field = p.field().startsWith(ROOT + ".") ? p.field().substring(ROOT.length() + 1) : p.field();
        return field + ": " + p.message();
    }

    private record Parsed(Ticket ticket, byte[] sig, BigInteger recipientRand) {
    }

    /** The fields the chain hashes and checks, read with the gateway's field rules; empty if any is unreadable. */
    private static Optional<Parsed> parse(JsonNode node) {
        List<Problem> scratch = new ArrayList<>();
        Fields f = Fields.of(node, ROOT, scratch);
        if (!f.isObject()) {
            return Optional.empty();
        }
        Address recipient = f.address("recipient");
        Address sender = f.address("sender");
        BigInteger faceValue = f.uint256("faceValue", true, null);
        BigInteger winProb = f.uint256("winProb", true, null);
        BigInteger senderNonce = f.uint256("senderNonce", true, null);
        Bytes32 recipientRandHash = f.bytes32("recipientRandHash", true);
        Long creationRound = f.integer("creationRound", true, 0, Fields.INTEGER_MAX);
        Bytes32 creationRoundBlockHash = f.bytes32("creationRoundBlockHash", true);
        String sig = f.string("sig", true, SIG, "must be 65 bytes as 130 hex digits");
        BigInteger recipientRand = f.uint256("recipientRand", true, null);
        if (!scratch.isEmpty()) {
            return Optional.empty();
        }
        Ticket ticket = new Ticket(recipient, sender, faceValue, winProb, senderNonce, recipientRandHash,
                BigInteger.valueOf(creationRound), creationRoundBlockHash);
        byte[] sigBytes = HexFormat.of().parseHex(sig.startsWith("0x") ? sig.substring(2) : sig);
        return Optional.of(new Parsed(ticket, sigBytes, recipientRand));
    }

    /** When the ticket as a whole is unreadable, recipientRand can still be checked against its hash; else null. */
    private static Boolean recipientRandMatches(JsonNode node) {
        List<Problem> scratch = new ArrayList<>();
        Fields f = Fields.of(node, ROOT, scratch);
        if (!f.isObject()) {
            return null;
        }
        Bytes32 hash = f.bytes32("recipientRandHash", true);
        BigInteger rand = f.uint256("recipientRand", true, null);
        return scratch.isEmpty() ? WinningCheck.recipientRandHash(rand).equals(hash) : null;
    }
}
