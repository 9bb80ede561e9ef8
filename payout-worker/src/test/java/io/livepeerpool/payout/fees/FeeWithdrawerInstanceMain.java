package io.livepeerpool.payout.fees;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One fee withdrawer in its own JVM, for the crash tests. With {@code park=<point>} it prints {@code PARKED <point>}
 * when it first reaches that point of a withdrawal and stops there, for the test to SIGKILL it. Halts when its stdin
 * closes, so it never outlives the test JVM.
 *
 * <p>Arguments: topicSuffix [key=value ...]
 */
public final class FeeWithdrawerInstanceMain {
    private FeeWithdrawerInstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        String park = "";
        for (int i = 1; i < args.length; i++) {
            String k = args[i].substring(0, args[i].indexOf('='));
            String v = args[i].substring(args[i].indexOf('=') + 1);
            if (k.equals("park")) {
                park = v;
            } else {
                settings.put(k, v);
            }
        }
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes
                }
            } catch (IOException ignored) {
                // parent gone
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String parkAt = park;
        FeeWithdrawalService service = new FeeWithdrawalService(FeesFixture.parse(settings),
                FeeTopics.catalogue().withSuffix(args[0]), new SimpleMeterRegistry(), point -> {
                    if (point.equals(parkAt)) {
                        System.out.println("PARKED " + point);
                        System.out.flush();
                        while (true) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
        service.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
