package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.platform.lifecycle.ServiceRunner;
import java.time.Duration;
import java.util.List;

/** Runs services until SIGTERM or Ctrl-C, stopping them in reverse order, each within service.stopTimeoutMs. */
public final class ServiceHost {
    private ServiceHost() {
    }

    public static int run(List<? extends Service> services) throws Exception {
        return run(services, ServiceRunner.STOP_TIMEOUT_DEFAULT);
    }

    /** With the stop bound of a configuration that declares {@link ServiceRunner#STOP_TIMEOUT_MS}. */
    public static int run(List<? extends Service> services, Config config) throws Exception {
        return run(services, Duration.ofMillis(config.get(ServiceRunner.STOP_TIMEOUT_MS)));
    }

    private static int run(List<? extends Service> services, Duration stopTimeout) throws Exception {
        try (ServiceRunner runner = new ServiceRunner(stopTimeout)) {
            runner.start(services);
            runner.awaitShutdown();
        }
        return 0;
    }
}
