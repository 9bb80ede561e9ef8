package io.livepeerpool.payout.it;

import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.payout.journal.PayoutTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * One payout worker in its own JVM, for the crash tests. With {@code park=<point>} it prints {@code PARKED <point>}
 * when it first reaches that point of a payout transaction and stops there, for the test to SIGKILL it. Halts when
 * its stdin closes, so it never outlives the test JVM.
 *
 * <p>Arguments: topicSuffix walletKey [key=value ...]
 */
public final class PayoutInstanceMain {
    private PayoutInstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        String park = "";
        for (int i = 2; i < args.length; i++) {
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
        PayoutService service = new PayoutService(PayoutSettingsForTests.of(settings), Credentials.create(args[1]),
                PayoutTopics.catalogue().withSuffix(args[0]), new SimpleMeterRegistry(), point -> {
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
