package io.livepeerpool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrkLoadTest {
    private static WrkLoad.Phase phase(String name, int batch, int connections) {
        return new WrkLoad.Phase(name, "/recordTranscoderJobs", batch, connections, 10, "run-x", 0);
    }

    @Test
    void aResultLineBecomesThePhaseFigures() {
        PhaseResult r = WrkLoad.parse(phase("signed batch x100", 100, 16), "result 1000 10000000 2500 40000 3 0 1 0 2", Double.NaN);

        assertThat(r.requests()).isEqualTo(1000);
        assertThat(r.requestsPerSecond()).isEqualTo(100.0);
        assertThat(r.items()).as("jobs of 2xx answers only").isEqualTo(997 * 100);
        assertThat(r.p50Millis()).isEqualTo(2.5);
        assertThat(r.p99Millis()).isEqualTo(40.0);
        assertThat(r.non2xx()).isEqualTo(3);
        assertThat(r.socketErrors()).isEqualTo(3);
        assertThat(r.failures()).isEqualTo(6);
    }

    @Test
    void ratiosAreAgainstTheBaselineAtTheSameConnectionCount() {
        List<PhaseResult> phases = List.of(
                WrkLoad.parse(phase("baseline (bare https)", 0, 16), "result 10000 10000000 1000 10000 0 0 0 0 0", Double.NaN),
                WrkLoad.parse(phase("baseline (bare https)", 0, 64), "result 20000 10000000 2000 20000 0 0 0 0 0", Double.NaN),
                WrkLoad.parse(phase("signed single job", 0, 64), "result 10000 10000000 4000 30000 0 0 0 0 0", Double.NaN));
        String single = report(phases).stream().filter(l -> l.startsWith("signed single job")).findFirst().orElseThrow();
        assertThat(single).contains(" 0.500 ").contains(" 2.00 ").contains(" 1.50");
    }

    @Test
    void roundsAddUpAndKeepTheWorstP99() {
        PhaseResult combined = PhaseResult.combine(List.of(
                WrkLoad.parse(phase("signed single job", 0, 16), "result 1000 10000000 2000 9000 0 0 0 0 0", Double.NaN),
                WrkLoad.parse(phase("signed single job", 0, 16), "result 3000 10000000 1000 30000 2 0 0 0 0", Double.NaN),
                WrkLoad.parse(phase("signed single job", 0, 16), "result 2000 10000000 5000 8000 0 0 0 0 0", Double.NaN)));

        assertThat(combined.requests()).isEqualTo(6000);
        assertThat(combined.requestsPerSecond()).isEqualTo(200.0);
        assertThat(combined.items()).isEqualTo(5998);
        assertThat(combined.non2xx()).isEqualTo(2);
        assertThat(combined.p50Millis()).as("median of the rounds' p50s").isEqualTo(2.0);
        assertThat(combined.p99Millis()).as("the worst round's p99").isEqualTo(30.0);
        assertThat(combined.roundRates()).containsExactly(100.0, 300.0, 200.0);
    }

    @Test
    void roundRatiosSetEachRoundAgainstTheBaselineOfTheSameRound() {
        PhaseResult base = PhaseResult.combine(List.of(
                WrkLoad.parse(phase("baseline (bare https)", 0, 16), "result 1000 10000000 1000 2000 0 0 0 0 0", Double.NaN),
                WrkLoad.parse(phase("baseline (bare https)", 0, 16), "result 4000 10000000 1000 2000 0 0 0 0 0", Double.NaN)));
        PhaseResult single = PhaseResult.combine(List.of(
                WrkLoad.parse(phase("signed single job", 0, 16), "result 600 10000000 2000 4000 0 0 0 0 0", Double.NaN),
                WrkLoad.parse(phase("signed single job", 0, 16), "result 1600 10000000 2000 4000 0 0 0 0 0", Double.NaN)));

        assertThat(BenchReport.roundRatios(single, java.util.Optional.of(base))).isEqualTo("0.40-0.60");
        assertThat(BenchReport.roundRatios(single, java.util.Optional.empty())).isEqualTo("-");
    }

    @Test
    void theServerIsWhatTheMachineUsedLessTheClient() {
        // 10 s, 20,000 requests; wrk used 6 s of CPU, the machine 16 s in all
        PhaseResult r = WrkLoad.parse(phase("baseline (bare https)", 0, 16),
                "result 20000 10000000 1000 2000 0 0 0 0 0 6000000", 16.0);

        assertThat(r.clientCpuSeconds()).isEqualTo(6.0);
        assertThat(r.clientCores()).isEqualTo(0.6);
        assertThat(r.serverCpuSeconds()).isEqualTo(10.0);
        assertThat(r.serverMicrosPerRequest()).isEqualTo(500.0);
    }

    @Test
    void theReportSetsTheServersCpuPerRequestAgainstTheBaselines() {
        List<PhaseResult> phases = List.of(
                WrkLoad.parse(phase("baseline (bare https)", 0, 16), "result 20000 10000000 1000 2000 0 0 0 0 0 6000000", 16.0),
                WrkLoad.parse(phase("signed single job", 0, 16), "result 10000 10000000 2000 4000 0 0 0 0 0 3000000", 19.0),
                WrkLoad.parse(phase("signed single job", 0, 64), "result 10000 10000000 2000 4000 0 0 0 0 0", Double.NaN));
        List<String> lines = report(phases);
        assertThat(lines.getFirst()).endsWith("srv us/req srv ratio client cores  gw us/req gw ratio");
        // baseline 10 s of server CPU / 20,000 = 500 us; single 16 s / 10,000 = 1,600 us: 500 / 1,600 = 0.3125
        assertThat(lines.get(1)).endsWith(" 500     1.000         0.60          -        -");
        assertThat(lines.get(2)).endsWith(" 1600     0.313         0.30          -        -");
        assertThat(lines.get(3)).as("no CPU figures where the machine did not tell").endsWith(" -         -            -          -        -");
    }

    @Test
    void theReportSetsTheGatewaysOwnCpuPerRequestAgainstTheBaselines() {
        // baseline: 2 s of the gateway's threads for 20,000 requests = 100 us; single: 2.5 s for 10,000 = 250 us
        List<PhaseResult> phases = List.of(
                WrkLoad.parse(phase("baseline (bare https)", 0, 16), "result 20000 10000000 1000 2000 0 0 0 0 0 6000000", 16.0, 2.0),
                WrkLoad.parse(phase("signed single job", 0, 16), "result 10000 10000000 2000 4000 0 0 0 0 0 3000000", 19.0, 2.5));
        List<String> lines = report(phases);
        assertThat(phases.get(1).gatewayMicrosPerRequest()).isEqualTo(250.0);
        assertThat(lines.get(1)).endsWith(" 500     1.000         0.60        100    1.000");
        assertThat(lines.get(2)).endsWith(" 1600     0.313         0.30        250    0.400");
    }

    @Test
    void roundsAddTheirGatewayCpu() {
        PhaseResult combined = PhaseResult.combine(List.of(
                WrkLoad.parse(phase("signed single job", 0, 16), "result 1000 10000000 2000 9000 0 0 0 0 0", 5.0, 0.25),
                WrkLoad.parse(phase("signed single job", 0, 16), "result 3000 10000000 1000 30000 0 0 0 0 0", 7.0, 0.75)));

        assertThat(combined.gatewayCpuSeconds()).isEqualTo(1.0);
        assertThat(combined.gatewayMicrosPerRequest()).isEqualTo(250.0);
    }

    @Test
    void theScriptShipsInTheJarAndSignsTheCanonicalString() throws Exception {
        try (InputStream in = WrkLoad.class.getResourceAsStream("/bench/ingest-wrk.lua")) {
            assertThat(in).isNotNull();
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(sha256(body)), as CanonicalRequest builds it
            assertThat(script).contains("\"POST\\n\" .. path .. \"\\n\" .. timestamp .. \"\\n\" .. nonce .. \"\\n\" .. hex32()");
        }
    }

    private static List<String> report(List<PhaseResult> phases) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchReport.print(new PrintStream(out, true, StandardCharsets.UTF_8), phases);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
