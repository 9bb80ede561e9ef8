package io.livepeerpool.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.ledger.payout.MemberAccount;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay's members' side, by hand: payout outcomes (returned only on proof, gas shares charged, duplicates and
 * unknown ids ignored, contradictions refused) and payout settings (payee, personal threshold, nonces).
 * Policy: no pool fee, weight = pixels, threshold 100 wei; one job of 1 pixel per round, so each round's transfer goes
 * whole to T.
 */
class LedgerReplayPayoutsTest {
    private static final String O = "0x1111111111111111111111111111111111111111";
    private static final String T = "0xa000000000000000000000000000000000000001";
    private static final String PAYEE = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final LedgerPolicy POLICY = LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", O, "ledger.poolFeePpm", "0",
            "ledger.weight.durationMs", "0", "ledger.weight.profiles", "0", "ledger.payoutThresholdWei", "100"));

    private static String round(long round, long amount) {
        return "{\"type\":\"job\",\"orchestrator\":\"" + O + "\",\"jobId\":\"j" + round + "\",\"transcoder\":\"" + T
                + "\",\"pixels\":1,\"duration\":1,\"profiles\":0,\"roundJob\":" + round + "}\n"
                + "{\"type\":\"ticketTransfer\",\"txHash\":\"0x" + "ab".repeat(32) + "\",\"logIndex\":" + round
                + ",\"sender\":\"" + O + "\",\"recipient\":\"" + O + "\",\"amount\":\"" + amount
                + "\",\"gasCost\":\"0\"}\n{\"type\":\"newRound\",\"round\":" + round + "}\n";
    }

    private static String payout(long round, String status, long amount, long gasShare, String gasPaidBy) {
        return "{\"type\":\"payout\",\"payoutId\":\"" + PayoutRequest.idFor(T, round) + "\",\"transcoder\":\"" + T
                + "\",\"status\":\"" + status + "\",\"amount\":\"" + amount + "\",\"gasShare\":\"" + gasShare
                + "\",\"gasPaidBy\":\"" + gasPaidBy + "\"}\n";
    }

    private static String settings(long threshold, long nonce) {
        return "{\"type\":\"payoutSettings\",\"transcoder\":\"" + T + "\",\"payoutAddress\":\"" + PAYEE
                + "\",\"threshold\":\"" + threshold + "\",\"nonce\":" + nonce + ",\"signature\":\"0x00\"}\n";
    }

    private static List<JsonNode> replay(String input) {
        StringWriter out = new StringWriter();
        LedgerReplay.replay(new StringReader(input), out, POLICY);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            try {
                lines.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static List<String> of(List<JsonNode> lines, String type) {
        return lines.stream().filter(l -> l.get("type").asText().equals(type)).map(JsonNode::toString).toList();
    }

    @Test
    void aRefusedPayoutComesBackAndGasSharesBecomeADebtNettedFromTheNextAllocation() {
        String input = round(1, 150)                       // 150 >= 100: payout 1 of 150
                + payout(1, "Refused", 150, 7, "member")   // back: +150 - 7 gas = 143
                + payout(1, "Refused", 150, 7, "member")   // duplicate: nothing
                + settings(200, 1)                         // from round 2: to PAYEE, at 200
                + round(2, 60)                             // 143 + 60 = 203 >= 200: payout 2 of 203 to PAYEE
                + payout(2, "Paid", 203, 5, "member")      // paid; gas 5 charged: debt 5
                + settings(1_000, 1)                       // replayed nonce: ignored
                + round(3, 50)                             // debt netted: 50 - 5 = 45 < 200
                + round(4, 155);                           // 45 + 155 = 200: payout 4 of 200 to PAYEE
        List<JsonNode> lines = replay(input);

        assertThat(of(lines, "payoutRequest")).containsExactly(
                "{\"type\":\"payoutRequest\",\"round\":1,\"transcoder\":\"" + T + "\",\"amount\":\"150\",\"payoutId\":\""
                        + PayoutRequest.idFor(T, 1) + "\"}",
                "{\"type\":\"payoutRequest\",\"round\":2,\"transcoder\":\"" + T + "\",\"amount\":\"203\",\"payoutId\":\""
                        + PayoutRequest.idFor(T, 2) + "\",\"payee\":\"" + PAYEE + "\"}",
                "{\"type\":\"payoutRequest\",\"round\":4,\"transcoder\":\"" + T + "\",\"amount\":\"200\",\"payoutId\":\""
                        + PayoutRequest.idFor(T, 4) + "\",\"payee\":\"" + PAYEE + "\"}");
        assertThat(of(lines, "accountChange")).containsExactly(
                "{\"type\":\"accountChange\",\"transcoder\":\"" + T + "\",\"afterRound\":1,\"cause\":\"PayoutResolved\","
                        + "\"payoutId\":\"" + PayoutRequest.idFor(T, 1) + "\",\"status\":\"Refused\",\"credited\":\"150\","
                        + "\"charged\":\"7\",\"balance\":\"143\",\"debt\":\"0\"}",
                "{\"type\":\"accountChange\",\"transcoder\":\"" + T + "\",\"afterRound\":2,\"cause\":\"PayoutResolved\","
                        + "\"payoutId\":\"" + PayoutRequest.idFor(T, 2) + "\",\"status\":\"Paid\",\"credited\":\"0\","
                        + "\"charged\":\"5\",\"balance\":\"0\",\"debt\":\"5\"}",
                "{\"type\":\"accountChange\",\"transcoder\":\"" + T + "\",\"afterRound\":3,\"cause\":\"DebtNetted\","
                        + "\"credited\":\"50\",\"charged\":\"0\",\"balance\":\"45\",\"debt\":\"0\"}");
    }

    @Test
    void nothingComesBackWithoutAnOutcomeAndThePoolsGasIsNotCharged() {
        LedgerState state = new LedgerState(POLICY);
        apply(state, round(1, 150) + round(2, 120));
        assertThat(state.openPayouts()).containsOnlyKeys(PayoutRequest.idFor(T, 1), PayoutRequest.idFor(T, 2));
        assertThat(state.accountOf(T)).isEqualTo(MemberAccount.ZERO);

        apply(state, payout(2, "Reverted", 120, 9, "pool"));
        assertThat(state.accountOf(T)).isEqualTo(new MemberAccount(BigInteger.valueOf(120), BigInteger.ZERO));
        assertThat(state.openPayouts()).containsOnlyKeys(PayoutRequest.idFor(T, 1));
    }

    @Test
    void aPersonalThresholdBelowThePoolsCountsAsThePoolsAndAnUnknownPayoutChangesNothing() {
        String input = settings(10, 3) + round(1, 99)
                + "{\"type\":\"payout\",\"payoutId\":\"nope\",\"transcoder\":\"" + T + "\",\"status\":\"Refused\","
                + "\"amount\":\"1000\",\"gasShare\":\"0\",\"gasPaidBy\":\"pool\"}\n"
                + round(2, 1);
        List<JsonNode> lines = replay(input);
        assertThat(of(lines, "accountChange")).isEmpty();
        assertThat(of(lines, "payoutRequest")).singleElement().asString().contains("\"round\":2", "\"amount\":\"100\"");
    }

    @Test
    void anOutcomeThatContradictsItsRequestStopsTheReplayNamingTheLine() {
        String input = round(1, 150) + payout(1, "Refused", 151, 0, "pool");
        ReplayInputException e = catchThrowableOfType(ReplayInputException.class, () -> replay(input));
        assertThat(e.lineNumber()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("payoutId");
        assertThat(e).hasMessageContaining("contradicts its request");
    }

    @Test
    void badPayoutAndSettingsLinesNameTheirField() {
        assertThat(catchThrowableOfType(ReplayInputException.class, () -> replay(payout(1, "Lost", 1, 0, "pool")))
                .field()).isEqualTo("status");
        assertThat(catchThrowableOfType(ReplayInputException.class, () -> replay(payout(1, "Paid", 1, 0, "anyone")))
                .field()).isEqualTo("gasPaidBy");
        assertThat(catchThrowableOfType(ReplayInputException.class, () -> replay(settings(1, -1))).field())
                .isEqualTo("nonce");
    }

    private static void apply(LedgerState state, String lines) {
        long n = 0;
        for (String line : lines.split("\n")) {
            state.apply(EventLineParser.parse(line, ++n));
        }
    }
}
