package io.livepeerpool.gateway.tickets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.protocol.ticket.TicketSignature;
import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.protocol.ticket.WinningCheck;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** Real signed tickets for tests: a broadcaster key signs what the TicketBroker would hash. */
public final class TestTickets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTickets() {
    }

    /** A fresh secp256k1 key (a private key below 2^255 is always below the curve order). */
    public static ECKeyPair newKey() {
        return ECKeyPair.create(new BigInteger(255, RANDOM).add(BigInteger.ONE));
    }

    public static Address address(ECKeyPair key) {
        return Address.parse("0x" + Keys.getAddress(key));
    }

    /** A ticket that certainly wins (winProb = 2^256-1), signed by its sender. */
    public static ObjectNode winning(Address recipient, ECKeyPair sender) {
        return ticket(recipient, sender, sender, Uint256.MAX, new BigInteger(200, RANDOM), null);
    }

    /**
     * The {@code winningTicket} object. {@code signer} signs (normally the sender); {@code revealedRand} is the
     * recipientRand sent (null: the committed one).
     */
    public static ObjectNode ticket(Address recipient, ECKeyPair sender, ECKeyPair signer, BigInteger winProb,
                                    BigInteger committedRand, BigInteger revealedRand) {
        Bytes32 blockHash = new Bytes32(randomBytes(32));
        Ticket ticket = new Ticket(recipient, address(sender), new BigInteger("250000000000000000"), winProb,
                BigInteger.valueOf(RANDOM.nextInt(1_000_000)), WinningCheck.recipientRandHash(committedRand),
                BigInteger.valueOf(3500), blockHash);
        byte[] sig = TicketSignature.sign(TicketHash.of(ticket), signer);
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("recipient", recipient.checksummed());
        node.put("sender", ticket.sender().hex());
        node.put("faceValue", ticket.faceValue().toString());
        node.put("winProb", ticket.winProb().toString());
        node.put("senderNonce", ticket.senderNonce());
        node.put("recipientRandHash", ticket.recipientRandHash().hex());
        node.put("creationRound", 3500);
        node.put("creationRoundBlockHash", blockHash.hex());
        node.put("sig", "0x" + HexFormat.of().formatHex(sig));
        node.put("recipientRand", (revealedRand == null ? committedRand : revealedRand).toString());
        node.put("paramsExpirationBlock", 123_456);
        node.put("wonAt", "2025-06-01T12:00:00Z");
        return node;
    }

    /** The hash the gateway reports for a ticket object built here. */
    public static String ticketHash(ObjectNode t) {
        Ticket ticket = new Ticket(Address.parse(t.get("recipient").textValue()), Address.parse(t.get("sender").textValue()),
                new BigInteger(t.get("faceValue").textValue()), new BigInteger(t.get("winProb").textValue()),
                t.get("senderNonce").bigIntegerValue(), Bytes32.parse(t.get("recipientRandHash").textValue()),
                t.get("creationRound").bigIntegerValue(), Bytes32.parse(t.get("creationRoundBlockHash").textValue()));
        return TicketHash.of(ticket).hex();
    }

    public static ObjectNode body(ObjectNode ticket) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("winningTicket", ticket);
        return body;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
