package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One ledger instance in its own JVM, for the crash test: the test kills it with SIGKILL, which is a real crash (no
 * transaction aborted, no group left, no store flushed). Prints {@code READY} once running; halts when its stdin
 * closes, so that it never outlives the test JVM.
 *
 * <p>Arguments: bootstrap registryUrl applicationId stateDir topicSuffix partitions [ledger.key=value ...]
 */
public final class LedgerInstanceMain {
    private LedgerInstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (int i = 6; i < args.length; i++) {
            settings.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        LedgerConfig config = new LedgerConfig(args[0], args[1], args[2], Path.of(args[3]), 1,
                LedgerPolicy.fromSettings(settings));
        LedgerTopics topics = LedgerTopics.catalogue().withSuffix(args[4]).withPartitions(Integer.parseInt(args[5]));
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent keeps the pipe open and never writes
                }
            } catch (IOException ignored) {
                // the parent is gone either way
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        LedgerService ledger = LedgerService.create(config, topics, LedgerCrashRecoveryTest.STREAMS_OVERRIDES, null);
        ledger.start();
        while (ledger.state() != KafkaStreams.State.RUNNING) {
            if (ledger.state() == KafkaStreams.State.ERROR || ledger.state() == KafkaStreams.State.NOT_RUNNING) {
                System.out.println("FAILED " + ledger.state());
                Runtime.getRuntime().halt(2);
            }
            Thread.sleep(100);
        }
        System.out.println("READY");
        String reported = "";
        while (true) {
            // what this instance runs, whenever it changes: the test logs it, so a kill is seen to hit live tasks
            String tasks = ledger.activeTasks();
            if (!tasks.equals(reported)) {
                System.out.println("TASKS " + tasks);
                reported = tasks;
            }
            Thread.sleep(100);
        }
    }

    /** The policy as the {@code ledger.*} settings that give it back. */
    static Map<String, String> settings(LedgerPolicy policy) {
        return Map.of(
                LedgerPolicy.WEIGHT_PIXELS.name(), policy.weights().pixelsCoef().toString(),
                LedgerPolicy.WEIGHT_DURATION_MS.name(), policy.weights().durationMsCoef().toString(),
                LedgerPolicy.WEIGHT_PROFILES.name(), policy.weights().profilesCoef().toString(),
                LedgerPolicy.DELEGATOR_FEE_SHARE_PPM.name(), Integer.toString(policy.delegatorFeeSharePpm()),
                LedgerPolicy.DEDUCT_REDEMPTION_GAS.name(), Boolean.toString(policy.deductRedemptionGas()),
                LedgerPolicy.POOL_FEE_PPM.name(), Integer.toString(policy.poolFeePpm()),
                LedgerPolicy.PAYOUT_THRESHOLD_WEI.name(), policy.payoutThresholdWei().toString(),
                LedgerPolicy.DEDUPE_RETAIN_ROUNDS.name(), Integer.toString(policy.dedupeRetainRounds()),
                LedgerPolicy.ORCHESTRATORS.name(), policy.orchestrators().toString());
    }
}
