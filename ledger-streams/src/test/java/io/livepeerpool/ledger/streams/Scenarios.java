package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PoolOrchestrators;
import io.livepeerpool.ledger.weight.JobWeight;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Random ledger histories from a seed: jobs with re-posts (also naming another transcoder), retries of old job ids
 * (mostly repeating their roundJob), late and future roundJobs, transfers with re-deliveries, batch redemptions
 * (several transfers of one transaction), transfers to an orchestrator outside the pool, TranscoderUpdates changing
 * fee shares, NewRounds that skip round numbers or repeat an old one, epochs without revenue or without jobs, and a
 * random policy (fee, fee share, gas, payout threshold, dedupe window).
 */
final class Scenarios {
    static final String SENDER = "0x5000000000000000000000000000000000000005";
    static final String RECIPIENT = "0x6000000000000000000000000000000000000006";
    /** An orchestrator outside the pool: its transfers are not revenue. */
    static final String FOREIGN = "0x7000000000000000000000000000000000000007";

    private Scenarios() {
    }

    /** One epoch: jobs and transfers (interleaved), then the NewRound that closes it and maybe a stale one. */
    record Round(List<LedgerEvent> events) {
        List<TranscoderJob> jobs() {
            return events.stream().filter(TranscoderJob.class::isInstance).map(TranscoderJob.class::cast).toList();
        }

        /** Transfers and NewRounds, in order: what goes to the chain-events topic. */
        List<LedgerEvent> chain() {
            return events.stream().filter(e -> !(e instanceof TranscoderJob)).toList();
        }
    }

    record Scenario(long seed, LedgerPolicy policy, List<Round> rounds) {
        List<LedgerEvent> events() {
            return rounds.stream().flatMap(r -> r.events().stream()).toList();
        }
    }

    /**
     * @param sameRoundRepostsKeepTranscoder true when the copies of a job within one round must name the same
     *     transcoder: on a real broker, copies naming different transcoders travel through different jobs partitions,
     *     so which one is first is up to timing (across rounds the test waits, so any transcoder is fine)
     */
    static Scenario random(long seed, int roundsMax, int jobsPerRoundMax, int transcoderCount,
                           boolean sameRoundRepostsKeepTranscoder) {
        Random random = new Random(seed);
        List<String> transcoders = new ArrayList<>();
        for (int i = 0; i < transcoderCount; i++) {
            transcoders.add(address(random));
        }
        List<String> orchestrators = List.of(address(random), address(random));
        LedgerPolicy policy = new LedgerPolicy(
                new JobWeight(BigInteger.ONE, BigInteger.valueOf(random.nextInt(5_001)),
                        BigInteger.valueOf(random.nextInt(2_500_001))),
                random.nextInt(3) == 0 ? random.nextInt(200_000) : 0, random.nextBoolean(),
                random.nextInt(100_001), BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(1 + random.nextInt(800))),
                random.nextInt(3), PoolOrchestrators.of(RECIPIENT));
        List<TranscoderJob> earlierJobs = new ArrayList<>();
        List<TicketTransfer> earlierTransfers = new ArrayList<>();
        List<Round> rounds = new ArrayList<>();
        long round = 5 + random.nextInt(100);
        long lastRound = -1;
        int roundCount = 2 + random.nextInt(Math.max(1, roundsMax - 1));
        for (int r = 0; r < roundCount; r++) {
            List<TranscoderJob> jobs = new ArrayList<>();
            int jobCount = random.nextInt(7) == 0 ? 0 : random.nextInt(jobsPerRoundMax + 1);
            for (int j = 0; j < jobCount; j++) {
                jobs.add(job(random, lastRound < 0 ? round - 1 : lastRound, transcoders, orchestrators,
                        earlierJobs, jobs, sameRoundRepostsKeepTranscoder));
            }
            List<LedgerEvent> chain = new ArrayList<>();
            List<TicketTransfer> transfers = new ArrayList<>();
            int transferCount = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
            for (int t = 0; t < transferCount; t++) {
                if (random.nextInt(5) == 0) {
                    chain.add(new TranscoderUpdate(random.nextInt(4) == 0 ? FOREIGN : RECIPIENT,
                            random.nextInt(1_000_001), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_001)));
                }
                List<TicketTransfer> tx = transaction(random, earlierTransfers, transfers);
                transfers.addAll(tx);
                chain.addAll(tx);
            }
            List<LedgerEvent> events = interleave(random, jobs, chain);
            events.add(new NewRound(round));
            lastRound = round;
            if (random.nextInt(6) == 0) {
                events.add(new NewRound(round - random.nextInt(2)));
            }
            rounds.add(new Round(events));
            earlierJobs.addAll(jobs);
            earlierTransfers.addAll(transfers);
            round += random.nextInt(5) == 0 ? 2 : 1;
        }
        return new Scenario(seed, policy, rounds);
    }

    /**
     * @param current R while this job is posted (the round before the first NewRound when there is none yet); its
     *                roundJob is mostly R or R + 1, sometimes late or future
     */
    private static TranscoderJob job(Random random, long current, List<String> transcoders, List<String> orchestrators,
                                     List<TranscoderJob> earlier, List<TranscoderJob> thisRound,
                                     boolean sameRoundRepostsKeepTranscoder) {
        String transcoder = transcoders.get(random.nextInt(transcoders.size()));
        long pixels = random.nextInt(5) == 0 ? 0 : random.nextInt(2_000_000);
        long durationMs = 1 + random.nextInt(4_000);
        int profiles = random.nextInt(5);
        boolean repost = random.nextInt(6) == 0 && (!earlier.isEmpty() || !thisRound.isEmpty());
        if (!repost) {
            String orchestrator = orchestrators.get(random.nextInt(orchestrators.size()));
            String jobId = "job-" + Long.toHexString(random.nextLong());
            return new TranscoderJob(orchestrator, jobId, transcoder, pixels, durationMs, profiles,
                    roundJob(random, current));
        }
        boolean fromThisRound = earlier.isEmpty() || (!thisRound.isEmpty() && random.nextBoolean());
        TranscoderJob original = fromThisRound ? thisRound.get(random.nextInt(thisRound.size()))
                : earlier.get(random.nextInt(earlier.size()));
        if (fromThisRound && sameRoundRepostsKeepTranscoder) {
            transcoder = original.transcoder();
        }
        long roundJob = random.nextInt(4) == 0 ? roundJob(random, current) : original.roundJob();
        return new TranscoderJob(original.orchestrator(), original.jobId(), transcoder, pixels, durationMs, profiles,
                roundJob);
    }

    private static long roundJob(Random random, long current) {
        int roll = random.nextInt(10);
        long offset = roll < 7 ? random.nextInt(2) : roll < 9 ? -1 - random.nextInt(4) : 2 + random.nextInt(3);
        return Math.max(0, current + offset);
    }

    /** One redemption transaction: usually one transfer, sometimes a batch of 2 to 4 sharing its gas. */
    private static List<TicketTransfer> transaction(Random random, List<TicketTransfer> earlier,
                                                    List<TicketTransfer> now) {
        if (random.nextInt(4) != 0) {
            return List.of(transfer(random, earlier, now));
        }
        int n = 2 + random.nextInt(3);
        String txHash = "0x" + HexFormat.of().toHexDigits(random.nextLong()).repeat(4);
        BigInteger gas = new BigInteger(random.nextBoolean() ? 40 : 62, random);
        List<TicketTransfer> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new TicketTransfer(txHash, 2L * i + 1, SENDER, random.nextInt(6) == 0 ? FOREIGN : RECIPIENT,
                    new BigInteger(60, random), gas, n, i));
        }
        return batch;
    }

    private static TicketTransfer transfer(Random random, List<TicketTransfer> earlier, List<TicketTransfer> now) {
        BigInteger amount = new BigInteger(60, random);
        BigInteger gas = new BigInteger(random.nextBoolean() ? 40 : 62, random);
        List<TicketTransfer> all = new ArrayList<>(earlier);
        all.addAll(now);
        if (!all.isEmpty() && random.nextInt(6) == 0) {
            TicketTransfer original = all.get(random.nextInt(all.size()));
            return new TicketTransfer(original.txHash(), original.logIndex(), SENDER, original.recipient(), amount,
                    gas, original.txTickets(), original.txTicketIndex());
        }
        String txHash = "0x" + HexFormat.of().toHexDigits(random.nextLong()).repeat(4);
        return new TicketTransfer(txHash, random.nextInt(5), SENDER, random.nextInt(5) == 0 ? FOREIGN : RECIPIENT,
                amount, gas);
    }

    private static List<LedgerEvent> interleave(Random random, List<TranscoderJob> jobs,
                                                List<LedgerEvent> transfers) {
        List<LedgerEvent> events = new ArrayList<>();
        int j = 0;
        int t = 0;
        while (j < jobs.size() || t < transfers.size()) {
            boolean takeJob = t == transfers.size() || (j < jobs.size() && random.nextInt(4) != 0);
            events.add(takeJob ? jobs.get(j++) : transfers.get(t++));
        }
        return events;
    }

    static String address(Random random) {
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
