package io.livepeerpool.redeemer.it;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevNetwork;

/** One anvil node per test JVM (stopped by DevChain's shutdown hook); each test deploys its own contracts. */
final class TestChain {
    private static DevChain chain;

    private TestChain() {
    }

    static synchronized DevChain get() {
        if (chain == null || !chain.isAlive()) {
            chain = DevChain.start();
        }
        return chain;
    }

    /** Fresh contracts, and one round advanced so that the orchestrator registered at deploy is active. */
    static DevNetwork deploy(DeployOptions options) {
        DevNetwork net = DevNetwork.deploy(get(), options);
        net.roundAdvancer().advance();
        return net;
    }
}
