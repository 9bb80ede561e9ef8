package io.livepeerpool.payout;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.dev.DevNetwork;

/** One dev chain node per test JVM for the fee and gas tests (stopped by DevChain's shutdown hook); each test deploys its own contracts. */
public final class TestDevChain {
    private static DevChain chain;

    private TestDevChain() {
    }

    public static synchronized DevChain get() {
        if (chain == null || !chain.isAlive()) {
            chain = DevChain.start();
        }
        return chain;
    }

    /** Fresh contracts, and one round advanced so that the orchestrator registered at deploy is active. */
    public static DevNetwork deploy() {
        DevNetwork net = DevNetwork.deploy(get(), DeployOptions.defaults());
        net.roundAdvancer().advance();
        return net;
    }
}
