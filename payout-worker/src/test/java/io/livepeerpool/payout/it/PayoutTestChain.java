package io.livepeerpool.payout.it;

import io.livepeerpool.chain.dev.DevChain;

/** One dev chain node per test JVM (stopped by DevChain's shutdown hook); each test deploys its own PoolPayouts. */
final class PayoutTestChain {
    private static DevChain chain;

    private PayoutTestChain() {
    }

    static synchronized DevChain get() {
        if (chain == null || !chain.isAlive()) {
            chain = DevChain.start();
        }
        return chain;
    }
}
