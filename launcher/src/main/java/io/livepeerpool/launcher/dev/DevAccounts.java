package io.livepeerpool.launcher.dev;

/** Dev chain accounts the gateway needs before the chain is up. */
final class DevAccounts {
    /** Hardhat's default account #1, the dev orchestrator (ticket recipient). */
    static final String ORCHESTRATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    private DevAccounts() {
    }
}
