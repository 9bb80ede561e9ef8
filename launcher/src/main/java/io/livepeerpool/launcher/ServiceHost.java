package io.livepeerpool.launcher;

import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.platform.lifecycle.ServiceRunner;
import java.util.List;

/** Runs services until SIGTERM or Ctrl-C, stopping them in reverse order. */
public final class ServiceHost {
    private ServiceHost() {
    }

    public static int run(List<? extends Service> services) throws Exception {
        try (ServiceRunner runner = new ServiceRunner()) {
            runner.start(services);
            runner.awaitShutdown();
        }
        return 0;
    }
}
