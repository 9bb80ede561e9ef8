package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The auditor's offline replay: events as JSON lines in, the ledger's settlements and payout requests as JSON lines
 * out, computed by the same pure functions as the streams topology. Same input and policy, same output, byte for byte.
 *
 * <p>Input lines (blank lines are allowed and ignored), in order:
 * <pre>
 * {"type":"job","orchestrator":"0x..","jobId":"..","transcoder":"0x..","pixels":N,"duration":S,"profiles":P,"roundJob":R}
 * {"type":"ticketTransfer","txHash":"0x..","logIndex":N,"sender":"0x..","recipient":"0x..","amount":"wei","gasCost":"wei","txTickets":N,"txTicketIndex":I}
 * {"type":"transcoderUpdate","transcoder":"0x..","rewardCut":N,"feeShare":N}
 * {"type":"newRound","round":R}
 * {"type":"payout","payoutId":"..","transcoder":"0x..","status":"Paid|Refused|Reverted","amount":"wei",
 *  "amountSent":"wei" (optional: amount when Paid, else 0),"gasShare":"wei","gasPaidBy":"pool|member"}
 * {"type":"payoutSettings","transcoder":"0x..","payoutAddress":"0x..","threshold":"wei","nonce":N}
 * </pre>
 * Output, in input order: for each NewRound that settles, one {@code settlement} line, then one
 * {@code accountChange} line (cause {@code DebtNetted}) per allocation that paid off a gas debt, then one
 * {@code payoutRequest} line per payout it triggered ({@code payee} when the member set a payout address), each in
 * address order; a {@code refusedJob} line for each job outside the round window; an {@code ignoredTransfer} line for
 * the first sighting of a transfer to a recipient outside {@code ledger.orchestrators}; for the first outcome of an
 * open payout, one {@code accountChange} line (cause {@code PayoutResolved}) (a duplicate outcome, or one for a
 * payout never requested, writes nothing and changes nothing). Settings write nothing; they decide the thresholds and
 * payees of the settlements after them. See the module README for every field and rule.
 */
public final class LedgerReplay {
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
                for (LedgerOutput output : process(state, event, lineNumber)) {
                    write(output, out);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LedgerOutput> process(LedgerState state, LedgerEvent event, long lineNumber) {
        try {
            return state.process(event);
        } catch (IllegalArgumentException e) {
            if (event instanceof PayoutOutcome) {
                throw new ReplayInputException(lineNumber, "payoutId", e.getMessage());
            }
            throw e;
        }
    }

    private static void write(LedgerOutput output, Writer out) throws IOException {
        switch (output) {
            case RoundOutcome outcome -> {
                out.write(OutputLines.settlement(outcome.settlement()));
                out.write('\n');
                for (AccountChange change : outcome.changes()) {
                    out.write(OutputLines.accountChange(change));
                    out.write('\n');
                }
                for (PayoutRequest payout : outcome.payouts()) {
                    out.write(OutputLines.payoutRequest(payout));
                    out.write('\n');
                }
            }
            case LedgerOutput.RefusedJob refused -> {
                out.write(OutputLines.refusedJob(refused));
                out.write('\n');
            }
            case LedgerOutput.IgnoredTransfer ignored -> {
                out.write(OutputLines.ignoredTransfer(ignored));
                out.write('\n');
            }
            case LedgerOutput.AccountChanged changed -> {
                out.write(OutputLines.accountChange(changed.change()));
                out.write('\n');
            }
        }
    }
}
