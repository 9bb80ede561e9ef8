package io.livepeerpool.launcher.dev.simulate;

import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.launcher.dev.DevCredentials;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pool dev --simulate}: a small pool that runs by itself, so a newcomer sees it live. Its transcoders register
 * with their benchmarks; jobs are posted continuously through the gateway, signed like an orchestrator's; a
 * broadcaster makes real tickets (signed, with a win probability that makes a few win each round) and the winners are
 * posted for redemption; the dev chain moves to the next round every {@code roundSeconds}. One transcoder turns slow
 * after a while, and the pool's latency watch excludes it.
 */
public final class Simulation implements Service {
    private static final Logger log = LoggerFactory.getLogger(Simulation.class);
    static final BigInteger FACE_VALUE = BigInteger.TEN.pow(16).multiply(BigInteger.TWO); // 0.02 ETH
    static final int TICKET_ONE_IN = 6;

    private final SimulationPlan plan;
    private final DevNetwork chain;
    private final DevCredentials credentials;
    private final Duration roundLength;
    private final Duration jobInterval;
    private final Duration ticketInterval;
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong round = new AtomicLong();
    private volatile DevGatewayClient gateway;
    private volatile Instant started;
    private volatile boolean failing;
    private ScheduledExecutorService timers;

    public Simulation(SimulationPlan plan, DevNetwork chain, DevCredentials credentials, Duration roundLength) {
        this.plan = plan;
        this.chain = chain;
        this.credentials = credentials;
        this.roundLength = roundLength;
        this.jobInterval = Duration.ofMillis(250);
        this.ticketInterval = Duration.ofSeconds(2);
    }

    @Override
    public String name() {
        return "simulation";
    }

    @Override
    public void start() throws Exception {
        gateway = new DevGatewayClient(credentials);
        started = Instant.now();
        round.set(chain.roundsManager().currentRound().longValueExact());
        register();
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulation");
            t.setDaemon(true);
            return t;
        });
        timers.scheduleWithFixedDelay(guard("job", this::postJob), 0, jobInterval.toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(guard("ticket", this::maybeWinningTicket), ticketInterval.toMillis(),
                ticketInterval.toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(guard("round", this::nextRound), roundLength.toMillis(), roundLength.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("simulation: {} transcoders, a job every {} ms, a ticket every {} s (1 in {} wins, {} wei), a round"
                + " every {} s; {} turns slow after {} s", plan.transcoders().size(), jobInterval.toMillis(),
                ticketInterval.toSeconds(), TICKET_ONE_IN, FACE_VALUE, roundLength.toSeconds(),
                plan.transcoders().stream().filter(t -> t.slowAfter() != null).map(SimulatedTranscoder::name).toList(),
                plan.transcoders().stream().filter(t -> t.slowAfter() != null).map(t -> t.slowAfter().toSeconds()).findFirst().orElse(0L));
    }

    private void register() throws Exception {
        for (SimulatedTranscoder t : plan.transcoders()) {
            Map<String, Object> benchmark = new LinkedHashMap<>();
            benchmark.put("realtimeRatio", new java.math.BigDecimal(t.realtimeRatio()).movePointLeft(3).toPlainString());
            benchmark.put("latencyMs", t.latencyMs());
            benchmark.put("downloadMbps", Integer.toString(t.downloadMbps()));
            benchmark.put("uploadMbps", Integer.toString(t.uploadMbps()));
            benchmark.put("gpu", t.gpu());
            benchmark.put("profiles", List.of("360p30fps", "720p30fps", "1080p30fps"));
            DevGatewayClient.Answer answer = gateway.post("/registerTranscoder",
                    Map.of("registration", Map.of("transcoder", t.address(), "benchmark", benchmark)));
            if (answer.status() == 404) {
                log.warn("simulation: this gateway has no /registerTranscoder; transcoders are not registered");
                return;
            }
            log.info("simulation: registered {} {}: {} {}", t.name(), t.address(), answer.status(), answer.body());
        }
    }

    private void postJob() throws Exception {
        long n = jobs.incrementAndGet();
        SimulationPlan.Job job = plan.nextJob(started.toEpochMilli() / 1000 * 100_000 + n,
                Duration.between(started, Instant.now()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobId", job.jobId());
        details.put("transcoder", job.transcoder());
        details.put("pixels", job.pixels());
        details.put("duration", "2.0");
        details.put("profiles", job.profiles());
        details.put("roundJob", round.get());
        details.put("downloadMs", job.downloadMs());
        details.put("transcodeMs", job.transcodeMs());
        details.put("uploadMs", job.uploadMs());
        DevGatewayClient.Answer answer = gateway.post("/recordTranscoderJob", Map.of("jobDetails", details));
        if (!answer.ok()) {
            throw new IllegalStateException("job " + job.jobId() + ": " + answer.status() + " " + answer.body());
        }
    }

    private void maybeWinningTicket() throws Exception {
        SignedTicket ticket = chain.ticketMaker().make(Address.parse(credentials.orchestrator()), FACE_VALUE,
                SimulationPlan.winProb(TICKET_ONE_IN));
        if (!ticket.wins()) {
            return; // a losing ticket: the orchestrator keeps nothing, as go-livepeer does
        }
        DevGatewayClient.Answer answer = gateway.post("/recordWinningTicket", DevGatewayClient.winningTicket(ticket));
        if (!answer.ok()) {
            throw new IllegalStateException("winning ticket: " + answer.status() + " " + answer.body());
        }
        log.info("simulation: winning ticket {} ({} wei) posted for redemption", ticket.hash().hex(), FACE_VALUE);
    }

    private void nextRound() {
        BigInteger next = chain.roundAdvancer().advance();
        round.set(next.longValueExact());
        log.info("simulation: round {} initialized ({} jobs posted so far)", next, jobs.get());
    }

    /** One failed step is one log line, and the simulation goes on (the pool may be busy or restarting a service). */
    private Runnable guard(String what, ThrowingStep step) {
        return () -> {
            try {
                step.run();
                if (failing) {
                    failing = false;
                    log.info("simulation: {} works again", what);
                }
            } catch (Exception e) {
                if (!failing) {
                    log.warn("simulation: {} failed: {}", what, e.getMessage());
                }
                failing = true;
            }
        };
    }

    private interface ThrowingStep {
        void run() throws Exception;
    }

    @Override
    public boolean healthy() {
        return timers != null && !timers.isShutdown();
    }

    @Override
    public void close() {
        if (timers != null) {
            timers.shutdownNow();
        }
    }
}
