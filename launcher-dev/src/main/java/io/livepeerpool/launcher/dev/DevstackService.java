package io.livepeerpool.launcher.dev;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.DevstackOptions;
import io.livepeerpool.platform.lifecycle.Service;

/** The embedded devstack as a service, so it starts first and stops last with everything else. */
final class DevstackService implements Service {
    private final DevstackOptions options;
    private volatile Devstack devstack;

    DevstackService(DevstackOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "devstack";
    }

    @Override
    public void start() throws Exception {
        devstack = Devstack.start(options);
    }

    Devstack devstack() {
        return devstack;
    }

    @Override
    public boolean healthy() {
        return devstack != null;
    }

    @Override
    public void close() {
        Devstack d = devstack;
        devstack = null;
        if (d != null) {
            d.close();
        }
    }
}
