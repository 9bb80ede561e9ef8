package io.livepeerpool.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PoolOrchestrators;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedgerReplayTest {
    static final String POOL = "0x1111111111111111111111111111111111111111";
    static final LedgerPolicy POLICY = LedgerPolicy.defaults(PoolOrchestrators.of(POOL));
    private static final String O = "0x1111111111111111111111111111111111111111";
    private static final String T = "0xa000000000000000000000000000000000000001";
    private static final String JOB = "{\"type\":\"job\",\"orchestrator\":\"" + O + "\",\"jobId\":\"j\",\"transcoder\":\""
            + T + "\",\"pixels\":%s,\"duration\":%s,\"profiles\":3,\"roundJob\":1}";
    private static final String TRANSFER = "{\"type\":\"ticketTransfer\",\"txHash\":\"0x" + "ab".repeat(32)
            + "\",\"logIndex\":0,\"sender\":\"" + O + "\",\"recipient\":\"" + O + "\",\"amount\":%s,\"gasCost\":\"0\"}";

    private static String resource(String name) throws IOException {
        try (InputStream in = LedgerReplayTest.class.getResourceAsStream("/replay/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String replay(String input, LedgerPolicy policy) {
        StringWriter out = new StringWriter();
        LedgerReplay.replay(new StringReader(input), out, policy);
        return out.toString();
    }

    /**
     * Hand check of small-pool.expected.jsonl (default policy: fee 5%, weight px + 5,000/ms + 2,500,000/profile,
     * payout at 10^16 wei):
     * <ul>
     *   <li>100: seg-1 (A) and seg-2 (B) weigh 75,254,400 + 10,000,000 + 7,500,000 = 92,754,400; seg-3 (A, address
     *       in upper case) 37,627,200 + 5,000,000 + 7,500,000 = 50,127,200; the re-posted seg-1 (for C) and the
     *       repeated transfer (txHash a1, logIndex 0) do not count. Revenue 2*10^16 + 3*10^15 + 1; fee
     *       floor(1.15*10^15 + 0.05); 21,850,000,000,000,001 over A 142,881,600 : B 92,754,400 floors to
     *       ...793 (r 131,533,600) and ...207 (r 104,102,400): the leftover wei goes to A. A reaches 10^16: paid.</li>
     *   <li>101: only C's job (1,000 + 5,000 * 500 + 2,500,000 = 5,001,000), no revenue: the weight carries.</li>
     *   <li>102: 5*10^15, fee 2.5*10^14, over B 92,754,400 : C 5,001,000 (carried); floors ...506 (r 94,567,600)
     *       and ...493 (r 3,187,800): the leftover wei goes to B, whose balance 8,600,908,350,167,207 +
     *       4,506,998,078,878,507 reaches the threshold: paid. C keeps 243,001,921,121,493.</li>
     *   <li>103: 7 wei and no job: the revenue carries; the repeated NewRound 103 is ignored.</li>
     *   <li>104: 7 wei over two jobs of 5,001 each: 3 r 1 each, the tie goes to the lower address A.</li>
     * </ul>
     */
    @Test
    void replaysTheFixtureToTheHandCheckedLedger() throws IOException {
        String input = resource("small-pool.jsonl");

        String output = replay(input, POLICY);

        assertThat(output).isEqualTo(resource("small-pool.expected.jsonl"));
        assertThat(replay(input, POLICY)).as("deterministic").isEqualTo(output);
    }

    @Test
    void policySettingsChangeTheLedger() throws IOException {
        LedgerPolicy gasAndFeeShare = LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", "0x1111111111111111111111111111111111111111", "ledger.deductRedemptionGas", "true",
                "ledger.delegatorFeeSharePpm", "100000"));

        String firstLine = replay(resource("small-pool.jsonl"), gasAndFeeShare).lines().findFirst().orElseThrow();

        // (2*10^16 - 2*10^15 - 1.5*10^14) + (3*10^15 + 1 - floor(3*10^14 + 0.1) - 0)
        assertThat(firstLine).contains("\"revenue\":\"20550000000000001\"");
    }

    @Test
    void parsesDurationExactlyToMilliseconds() {
        assertThat(durationMs("2")).isEqualTo(2_000);
        assertThat(durationMs("2.5")).isEqualTo(2_500);
        assertThat(durationMs("0.001")).isEqualTo(1);
        assertThat(durationMs("\"1.234\"")).isEqualTo(1_234);
        assertThat(durationMs("\"2.000\"")).isEqualTo(2_000);
        assertThat(durationMs("1.10")).isEqualTo(1_100);
        assertThat(durationMs("4.1000000000000000001e0")).as("not through a double").isNegative();
    }

    private static long durationMs(String duration) {
        try {
            return ((TranscoderJob) EventLineParser.parse(JOB.formatted("1", duration), 1)).durationMs();
        } catch (ReplayInputException e) {
            return -1;
        }
    }

    @Test
    void parsesEachEventType() {
        assertThat(EventLineParser.parse("{\"type\":\"newRound\",\"round\":5,\"extra\":1}", 1)).isEqualTo(new NewRound(5));
        TicketTransfer transfer = (TicketTransfer) EventLineParser.parse(
                TRANSFER.formatted("\"115792089237316195423570985008687907853269984665640564039457584007913129639935\""), 1);
        assertThat(transfer.amount()).isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "not json                                    | (line)",
            "[1]                                         | (line)",
            "{\"type\":\"newRound\",\"round\":1} {}      | (line)",
            "{\"type\":\"newRound\",\"round\":1,\"round\":2} | (line)",
            "{\"round\":1}                               | type",
            "{\"type\":\"payoutRequest\"}                | type",
            "{\"type\":\"newRound\",\"round\":\"5\"}     | round",
            "{\"type\":\"newRound\",\"round\":-5}        | round",
            "{\"type\":\"newRound\",\"round\":9223372036854775808} | round",
            "JOB:1.5:2                                   | pixels",
            "JOB:-1:2                                    | pixels",
            "JOB:null:2                                  | pixels",
            "JOB:1:0                                     | duration",
            "JOB:1:-2                                    | duration",
            "JOB:1:1.2345                                | duration",
            "JOB:1:\"1.2345\"                            | duration",
            "JOB:1:\"1e99\"                              | duration",
            "JOB:1:\"two\"                               | duration",
            "JOB:1:true                                  | duration",
            "JOB:1:1e400                                 | duration",
            "TRANSFER:\"1.5\"                            | amount",
            "TRANSFER:\"-1\"                             | amount",
            "TRANSFER:1.5                                | amount",
            "TRANSFER:\"115792089237316195423570985008687907853269984665640564039457584007913129639936\" | amount",
    })
    void stopsAtAMalformedLineNamingLineAndField(String line, String field) {
        String input = "{\"type\":\"newRound\",\"round\":1}\n\n" + expand(line.trim()) + "\n{\"type\":\"newRound\",\"round\":2}\n";

        ReplayInputException e = catchThrowableOfType(ReplayInputException.class,
                () -> replay(input, POLICY));

        assertThat(e).as("replaying %s", input).isNotNull();
        assertThat(e.lineNumber()).isEqualTo(3);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith("line 3: field '" + field + "': ");
    }

    private static String expand(String line) {
        if (line.startsWith("JOB:")) {
            String[] parts = line.split(":", 3);
            return JOB.formatted(parts[1], parts[2]);
        }
        if (line.startsWith("TRANSFER:")) {
            return TRANSFER.formatted(line.substring("TRANSFER:".length()));
        }
        return line;
    }

    @Test
    void namesBadAddressesAndHashes() {
        assertThatThrownBy(() -> EventLineParser.parse(JOB.formatted("1", "2").replace(T, "0x123"), 7))
                .isInstanceOf(ReplayInputException.class)
                .hasMessage("line 7: field 'transcoder': must be 0x followed by 40 hex digits, got '0x123'");
        assertThatThrownBy(() -> EventLineParser.parse(TRANSFER.formatted("\"1\"").replace("ab".repeat(32), "ab"), 8))
                .hasMessageStartingWith("line 8: field 'txHash': must be 0x followed by 64 hex digits");
        assertThatThrownBy(() -> EventLineParser.parse(JOB.formatted("1", "2").replace("\"j\"", "\" \""), 9))
                .hasMessageStartingWith("line 9: field 'jobId'");
    }
}
