package io.livepeerpool.launcher.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool ticket inspect --input FILE}: checks a winning ticket an operator is puzzled by, offline, with the
 * gateway's rules. Prints one JSON object on stdout; the exit code says whether the ticket is good.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Check one winningTicket object (as POST /recordWinningTicket takes it) offline and print",
            "{\"ticketHash\",\"signer\",\"signerIsSender\",\"recipientRandMatches\",\"wins\",\"problems\":[...]}.",
            "Exit codes: 0 a valid winning ticket signed by its sender, 1 an invalid ticket, 2 unreadable input."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:a valid winning ticket signed by its sender", "1:an invalid ticket (see problems)",
            "2:unreadable input (no such file, not JSON, not a JSON object) or bad arguments"})
public final class TicketInspectCommand implements Callable<Integer> {
    public static final int VALID = 0;
    public static final int INVALID_TICKET = 1;
    public static final int UNREADABLE_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "A JSON file holding the winningTicket object ({\"winningTicket\":{...}} also works); - for stdin.")
    String input;

    @Override
    public Integer call() {
        JsonNode ticket;
        try {
            ticket = read();
        } catch (UnreadableInput e) {
            spec.commandLine().getErr().println("pool ticket inspect: " + e.getMessage());
            print(unreadable(e.getMessage()));
            return UNREADABLE_INPUT;
        }
        TicketInspector.Result result = TicketInspector.inspect(ticket);
        print(result.report());
        return result.validWinningTicket() ? VALID : INVALID_TICKET;
    }

    private JsonNode read() {
        String name = "-".equals(input) ? "stdin" : input;
        byte[] bytes;
        try {
            bytes = "-".equals(input) ? readAll(System.in) : Files.readAllBytes(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new UnreadableInput(name + ": no such file");
        } catch (IOException e) {
            throw new UnreadableInput(name + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UnreadableInput(name + ": not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UnreadableInput(name + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (node == null || node.isMissingNode()) {
            throw new UnreadableInput(name + ": empty");
        }
        if (!node.isObject()) {
            throw new UnreadableInput(name + ": must hold one JSON object, the winningTicket");
        }
        return node;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static ObjectNode unreadable(String message) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.putNull("ticketHash");
        report.putNull("signer");
        report.put("signerIsSender", false);
        report.putNull("recipientRandMatches");
        report.putNull("wins");
        report.putArray("problems").add("input: " + message);
        return report;
    }

    private void print(ObjectNode report) {
        try {
            spec.commandLine().getOut().println(Json.mapper().writeValueAsString(report));
            spec.commandLine().getOut().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static final class UnreadableInput extends RuntimeException {
        UnreadableInput(String message) {
            super(message);
        }
    }
}
