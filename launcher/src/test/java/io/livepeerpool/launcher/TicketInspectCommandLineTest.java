package io.livepeerpool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.launcher.ticket.TicketInspectCommand;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.protocol.ticket.TicketSignature;
import io.livepeerpool.protocol.ticket.WinningCheck;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import picocli.CommandLine;

/** {@code pool ticket inspect} end to end: go-livepeer's own ticket, broken copies of it, and unreadable input. */
class TicketInspectCommandLineTest {
    private static final String SENDER = "0x3eE860A4abA830AF84EbBCE2b381fc11DB8493e2";
    private static final String HASH = "0xd5104bbecf755deaa03acf83486f2414d749f5e9d98b9feb9a0ad3791413f7e4";

    @TempDir
    Path dir;

    private record Run(int exitCode, JsonNode json, String err) {
        List<String> problems() {
            return StreamSupport.stream(json.get("problems").spliterator(), false).map(JsonNode::asText).toList();
        }
    }

    private static Run run(InputStream stdin, String... args) throws Exception {
        CommandLine cli = Pool.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream original = System.in;
        System.setIn(stdin);
        try {
            int code = cli.execute(args);
            String printed = out.toString().strip();
            assertThat(printed.lines()).as("one JSON object on one line; stderr: %s", err).hasSize(1);
            return new Run(code, Json.mapper().readTree(printed), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    private Run inspect(JsonNode ticket) throws Exception {
        Path file = dir.resolve("ticket-" + System.nanoTime() + ".json");
        Files.writeString(file, Json.mapper().writeValueAsString(ticket));
        return run(InputStream.nullInputStream(), "ticket", "inspect", "--input", file.toString());
    }

    private static ObjectNode vector() throws Exception {
        return (ObjectNode) Json.mapper().readTree(
                TicketInspectCommandLineTest.class.getResourceAsStream("/tickets/go-livepeer-vector.json"));
    }

    @Test
    void goLivepeersTicketIsAValidWinningTicketSignedByItsSender() throws Exception {
        Path file = Path.of(TicketInspectCommandLineTest.class.getResource("/tickets/go-livepeer-vector.json").toURI());
        Run run = run(InputStream.nullInputStream(), "ticket", "inspect", "--input", file.toString());

        assertThat(run.exitCode()).isEqualTo(TicketInspectCommand.VALID);
        assertThat(run.json().get("ticketHash").asText()).isEqualTo(HASH);
        assertThat(run.json().get("signer").asText()).isEqualTo(SENDER);
        assertThat(run.json().get("signerIsSender").asBoolean()).isTrue();
        assertThat(run.json().get("recipientRandMatches").asBoolean()).isTrue();
        assertThat(run.json().get("wins").asBoolean()).isTrue();
        assertThat(run.problems()).isEmpty();
        assertThat(run.json().fieldNames()).toIterable()
                .containsExactly("ticketHash", "signer", "signerIsSender", "recipientRandMatches", "wins", "problems");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theWholeRequestBodyOnStdinWorksToo() throws Exception {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("winningTicket", vector());
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        Run run = run(new ByteArrayInputStream(bytes), "ticket", "inspect", "--input", "-");
        assertThat(run.exitCode()).isEqualTo(TicketInspectCommand.VALID);
        assertThat(run.json().get("ticketHash").asText()).isEqualTo(HASH);
    }

    @Test
    void aTamperedFaceValueIsSignedBySomeoneElse() throws Exception {
        ObjectNode t = vector();
        t.put("faceValue", "10000000000000001");
        Run run = inspect(t);

        assertThat(run.exitCode()).isEqualTo(TicketInspectCommand.INVALID_TICKET);
        assertThat(run.json().get("ticketHash").asText()).isNotEqualTo(HASH);
        assertThat(run.json().get("signer").isTextual()).isTrue();
        assertThat(run.json().get("signer").asText()).isNotEqualToIgnoringCase(SENDER);
        assertThat(run.json().get("signerIsSender").asBoolean()).isFalse();
        assertThat(run.json().get("recipientRandMatches").asBoolean()).isTrue();
        assertThat(run.problems()).contains("sig: was not made by sender " + Address.parse(SENDER));
    }

    @Test
    void aWrongRecipientRandIsNamed() throws Exception {
        ObjectNode t = vector();
        t.put("recipientRand", "31838803992704255588716800748284438047369588248489535212488229909862636233407");
        Run run = inspect(t);

        assertThat(run.exitCode()).isEqualTo(TicketInspectCommand.INVALID_TICKET);
        assertThat(run.json().get("ticketHash").asText()).isEqualTo(HASH); // recipientRand is not part of the hash
        assertThat(run.json().get("signerIsSender").asBoolean()).isTrue();
        assertThat(run.json().get("recipientRandMatches").asBoolean()).isFalse();
        assertThat(run.problems()).contains("recipientRand: recipientRand does not match recipientRandHash");
    }

    @Test
    void aLosingTicketSignedByItsSenderIsNotAWinningTicket() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        Address sender = new Address("0x" + Keys.getAddress(key));
        BigInteger rand = BigInteger.valueOf(777);
        Ticket ticket = new Ticket(Address.parse("0xa5E37e0BA14655e92DEff29F32adbc7D09b8a2cF"), sender,
                BigInteger.TEN, BigInteger.ZERO, BigInteger.ONE, WinningCheck.recipientRandHash(rand), BigInteger.valueOf(5),
                Bytes32.parse("0x" + "ab".repeat(32)));
        byte[] sig = TicketSignature.sign(TicketHash.of(ticket), key);
        ObjectNode t = vector();
        t.put("sender", sender.checksummed());
        t.put("faceValue", "10");
        t.put("winProb", "0");
        t.put("senderNonce", 1);
        t.put("recipientRandHash", ticket.recipientRandHash().toString());
        t.put("creationRound", 5);
        t.put("creationRoundBlockHash", ticket.creationRoundBlockHash().toString());
        t.put("sig", "0x" + HexFormat.of().formatHex(sig));
        t.put("recipientRand", rand.toString());
        Run run = inspect(t);

        assertThat(run.exitCode()).isEqualTo(TicketInspectCommand.INVALID_TICKET);
        assertThat(run.json().get("ticketHash").asText()).isEqualTo(TicketHash.of(ticket).toString());
        assertThat(run.json().get("signer").asText()).isEqualTo(sender.checksummed());
        assertThat(run.json().get("signerIsSender").asBoolean()).isTrue();
        assertThat(run.json().get("recipientRandMatches").asBoolean()).isTrue();
        assertThat(run.json().get("wins").asBoolean()).isFalse();
        assertThat(run.problems()).containsExactly("sig: ticket did not win");
    }

    @Test
    void malformedFieldsAreNamedAndNothingIsRecovered() throws Exception {
        ObjectNode t = vector();
        t.put("faceValue", "ten");
        t.put("sig", "0x90cb");
        t.put("colour", "blue");
        t.remove("creationRound");
        Run run = inspect(t);

        assertThat(run.exitCode()).isEqualTo(TicketInspectCommand.INVALID_TICKET);
        assertThat(run.json().get("ticketHash").isNull()).isTrue();
        assertThat(run.json().get("signer").isNull()).isTrue();
        assertThat(run.json().get("signerIsSender").asBoolean()).isFalse();
        assertThat(run.json().get("recipientRandMatches").asBoolean()).isTrue(); // still checkable on its own
        assertThat(run.json().get("wins").isNull()).isTrue();
        assertThat(run.problems()).anySatisfy(p -> assertThat(p).startsWith("faceValue: "))
                .anySatisfy(p -> assertThat(p).startsWith("sig: "))
                .contains("colour: unknown field", "creationRound: is required");
    }

    @Test
    void aSignatureThatRecoversNothingGivesANullSigner() throws Exception {
        ObjectNode t = vector();
        String sig = t.get("sig").asText();
        t.put("sig", sig.substring(0, sig.length() - 2) + "01"); // v = 1: the chain takes only 27 or 28
        Run run = inspect(t);

        assertThat(run.exitCode()).isEqualTo(TicketInspectCommand.INVALID_TICKET);
        assertThat(run.json().get("ticketHash").asText()).isEqualTo(HASH);
        assertThat(run.json().get("signer").isNull()).isTrue();
        assertThat(run.problems()).contains("sig: is not a valid recoverable signature");
    }

    @Test
    void unreadableInputExitsTwoWithAMessageAndNoStackTrace() throws Exception {
        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "{\"recipient\": ");
        Run broken = run(InputStream.nullInputStream(), "ticket", "inspect", "--input", notJson.toString());
        assertThat(broken.exitCode()).isEqualTo(TicketInspectCommand.UNREADABLE_INPUT);
        assertThat(broken.err()).contains("not JSON").doesNotContain("Exception", "\tat ");
        assertThat(broken.problems()).singleElement().asString().startsWith("input: ");
        assertThat(broken.json().get("ticketHash").isNull()).isTrue();

        Run missing = run(InputStream.nullInputStream(), "ticket", "inspect", "--input", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(TicketInspectCommand.UNREADABLE_INPUT);
        assertThat(missing.err()).contains("no such file");

        Run array = run(new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), "ticket", "inspect", "--input", "-");
        assertThat(array.exitCode()).isEqualTo(TicketInspectCommand.UNREADABLE_INPUT);
        assertThat(array.err()).contains("stdin: must hold one JSON object");

        Run empty = run(InputStream.nullInputStream(), "ticket", "inspect", "--input", "-");
        assertThat(empty.exitCode()).isEqualTo(TicketInspectCommand.UNREADABLE_INPUT);
        assertThat(empty.err()).contains("stdin: empty");
    }
}
