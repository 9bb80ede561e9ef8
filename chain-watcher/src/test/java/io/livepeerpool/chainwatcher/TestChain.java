package io.livepeerpool.chainwatcher;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevNetwork;

/** One anvil node per test JVM (stopped by DevChain's shutdown hook); each test deploys its own contracts. */
public final class TestChain {
    private static DevChain chain;

    private TestChain() {
    }

    public static synchronized DevChain get() {
        if (chain == null || !chain.isAlive()) {
            chain = DevChain.start();
        }
        return chain;
    }

    public static DevNetwork deploy(DeployOptions options) {
        return DevNetwork.deploy(get(), options);
    }

    public static DevNetwork deploy() {
        return deploy(DeployOptions.defaults());
    }
}
