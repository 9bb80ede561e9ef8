package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.platform.config.ConfigException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The auditor's offline replay: events as JSON lines in, the ledger's settlements and payout requests as JSON lines
 * out, computed by the same pure functions as the streams topology. Same input and policy, same output, byte for byte.
 *
 * <p>Input lines (blank lines are allowed and ignored), in order:
 * <pre>
 * {"type":"job","orchestrator":"0x..","jobId":"..","transcoder":"0x..","pixels":N,"duration":S,"profiles":P,"roundJob":R}
 * {"type":"ticketTransfer","txHash":"0x..","logIndex":N,"sender":"0x..","recipient":"0x..","amount":"wei","gasCost":"wei"}
 * {"type":"newRound","round":R}
 * </pre>
 * For each NewRound that settles: one {@code settlement} line, then one {@code payoutRequest} line per payout it
 * triggered, in address order.
 */
public final class LedgerReplay {
    /** Exit codes of {@link #main}, after sysexits.h. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 64;
    public static final int EXIT_BAD_INPUT = 65;
    public static final int EXIT_IO = 74;
    public static final int EXIT_CONFIG = 78;

    private LedgerReplay() {
    }

    /**
     * Replays {@code in} to {@code out} (flushed, not closed). On a malformed line, what the rounds before it
     * produced has been written.
     *
     * @throws ReplayInputException at the first line that is not a valid event, naming its line number and field
     * @throws UncheckedIOException when reading or writing fails
     */
    public static void replay(Reader in, Writer out, LedgerPolicy policy) {
        LedgerState state = new LedgerState(policy);
        BufferedReader lines = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        try {
            long lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                LedgerEvent event = EventLineParser.parse(line, lineNumber);
                Optional<RoundOutcome> outcome = state.apply(event);
                if (outcome.isPresent()) {
                    write(outcome.get(), out);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(RoundOutcome outcome, Writer out) throws IOException {
        out.write(OutputLines.settlement(outcome.settlement()));
        out.write('\n');
        for (PayoutRequest payout : outcome.payouts()) {
            out.write(OutputLines.payoutRequest(payout));
            out.write('\n');
        }
    }

    /** {@code LedgerReplay --input FILE.jsonl [--set key=value ...]}: output on stdout, problems on stderr. */
    public static void main(String[] args) {
        System.exit(run(args, new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    }

    static int run(String[] args, Writer stdout) {
        Path input = null;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.equals("--input") && !option.equals("--set")) {
                return usage("unexpected argument '" + option + "'");
            }
            if (i + 1 == args.length) {
                return usage(option + " needs a value");
            }
            String value = args[++i];
            if (option.equals("--input")) {
                input = Path.of(value);
            } else if (value.indexOf('=') > 0) {
                settings.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
            } else {
                return usage("--set needs key=value, got '" + value + "'");
            }
        }
        if (input == null) {
            return usage("--input is required");
        }
        LedgerPolicy policy;
        try {
            policy = LedgerPolicy.fromSettings(settings);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return EXIT_CONFIG;
        }
        try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             Writer out = new BufferedWriter(stdout)) {
            replay(in, out, policy);
            return EXIT_OK;
        } catch (ReplayInputException e) {
            System.err.println(input + ": " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            System.err.println(input + ": " + e.getMessage());
            return EXIT_IO;
        }
    }

    private static int usage(String problem) {
        System.err.println(problem + "\nusage: ledger replay --input FILE.jsonl [--set key=value ...]");
        return EXIT_USAGE;
    }
}
