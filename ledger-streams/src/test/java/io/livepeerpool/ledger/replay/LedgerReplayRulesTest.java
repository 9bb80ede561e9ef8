package io.livepeerpool.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.platform.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replay lines and rules of the pool's orchestrators, fee shares, batch gas and the round window. */
class LedgerReplayRulesTest {
    static final String POOL = "0x1111111111111111111111111111111111111111";
    /** Weight = pixels, no pool fee, 10% to delegators by default, gas deducted, window of 1 round, no payouts. */
    static final LedgerPolicy POLICY = LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", POOL,
            "ledger.weight.pixels", "1", "ledger.weight.durationMs", "0", "ledger.weight.profiles", "0",
            "ledger.poolFeePpm", "0", "ledger.delegatorFeeSharePpm", "100000", "ledger.deductRedemptionGas", "true",
            "ledger.dedupe.retainRounds", "1", "ledger.payoutThresholdWei", "1000000000"));

    /**
     * Hand check of rules.expected.jsonl:
     * <ul>
     *   <li>10: job a (roundJob 5) counts, no NewRound yet. Batch tx a1 of 3 transfers with 10 wei gas: the shares are
     *       3, 3 and 4 wei; log 0 nets 1000 - 100 - 3 = 897, log 1 goes to 0x9999.. (not the pool: one
     *       ignoredTransfer line, none for its re-delivery), log 2 nets 1000 - 100 - 4 = 896. Revenue 1793.</li>
     *   <li>11: the orchestrator's TranscoderUpdate sets feeShare 50%: 1000 nets 500. R = 10 and 1 round retained:
     *       a (roundJob 5) is late, b (12) future, c (11) counts once, d (9) counts. A 100, B 300: 125 and 375.</li>
     *   <li>12: R = 11: b (12) now counts; d (9) is late (and forgotten). No revenue: 50 carries.</li>
     * </ul>
     */
    @Test
    void replaysTheRulesFixtureToTheHandCheckedLines() throws IOException {
        String output = replay(resource("rules.jsonl"), POLICY);

        assertThat(output).isEqualTo(resource("rules.expected.jsonl"));
    }

    @Test
    void theOrchestratorsAreRequired() {
        assertThatThrownBy(() -> LedgerPolicy.fromSettings(Map.of("ledger.poolFeePpm", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.orchestrators");
    }

    @Test
    void refusesBadTranscoderUpdatesAndTicketPositions() {
        String update = "{\"type\":\"transcoderUpdate\",\"transcoder\":\"" + POOL + "\",\"rewardCut\":0,\"feeShare\":%s}";
        assertThatThrownBy(() -> EventLineParser.parse(update.formatted("1000001"), 4))
                .hasMessageStartingWith("line 4: field 'feeShare': must be parts per million");
        assertThatThrownBy(() -> EventLineParser.parse(update.formatted("-1"), 4))
                .hasMessageStartingWith("line 4: field 'feeShare'");
        String transfer = "{\"type\":\"ticketTransfer\",\"txHash\":\"0x" + "ab".repeat(32) + "\",\"logIndex\":0,"
                + "\"sender\":\"" + POOL + "\",\"recipient\":\"" + POOL + "\",\"amount\":\"1\",\"gasCost\":\"1\",%s}";
        assertThatThrownBy(() -> EventLineParser.parse(transfer.formatted("\"txTickets\":2,\"txTicketIndex\":2"), 5))
                .hasMessageStartingWith("line 5: field 'txTicketIndex'");
        assertThatThrownBy(() -> EventLineParser.parse(transfer.formatted("\"txTickets\":0"), 5))
                .hasMessageStartingWith("line 5: field 'txTickets'");
        assertThatThrownBy(() -> EventLineParser.parse(transfer.formatted("\"txTicketIndex\":1"), 5))
                .as("index 1 of the default single ticket").hasMessageStartingWith("line 5: field 'txTicketIndex'");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LedgerReplayRulesTest.class.getResourceAsStream("/replay/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String replay(String input, LedgerPolicy policy) {
        StringWriter out = new StringWriter();
        LedgerReplay.replay(new StringReader(input), out, policy);
        return out.toString();
    }
}
