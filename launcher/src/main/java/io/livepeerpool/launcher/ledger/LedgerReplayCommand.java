package io.livepeerpool.launcher.ledger;

import io.livepeerpool.launcher.UserInputException;
import io.livepeerpool.ledger.replay.LedgerReplay;
import io.livepeerpool.ledger.replay.ReplayInputException;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pool ledger replay}: the auditor's tool; the same domain code as the streaming ledger, over a file, no Kafka. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay ledger events from a JSON-lines file and print, in input order, settlements, payout requests,",
            "refused jobs and ignored transfers as JSON lines. --set ledger.orchestrators=0x..[,0x..] is required.",
            "Input lines: {\"type\":\"job\",...}, {\"type\":\"ticketTransfer\",...}, {\"type\":\"transcoderUpdate\",...},",
            "{\"type\":\"newRound\",\"round\":R} (see ledger-streams/README.md, Offline replay)."})
public final class LedgerReplayCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE.jsonl", description = "Events, one JSON object per line.")
    Path input;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A ledger.* setting (repeatable), e.g. ledger.orchestrators=0x.. (required), ledger.poolFeePpm=50000.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() {
        LedgerPolicy policy = LedgerPolicy.fromSettings(settings);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            LedgerReplay.replay(in, out, policy);
            return 0;
        } catch (ReplayInputException e) {
            flushQuietly(out);
            throw new UserInputException(input + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UserInputException(input + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            flushQuietly(out);
            throw new UserInputException(input + ": " + e.getMessage());
        }
    }

    private static void flushQuietly(Writer out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // stdout is gone; the error below is what matters
        }
    }
}
