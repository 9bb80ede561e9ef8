package io.livepeerpool.chainwatcher.chain;

/** The three Livepeer contracts the watcher reads, by the configuration key that names each one's address. */
public enum ContractRole {
    TICKET_BROKER("chain.ticketBroker"),
    ROUNDS_MANAGER("chain.roundsManager"),
    BONDING_MANAGER("chain.bondingManager");

    private final String configKey;

    ContractRole(String configKey) {
        this.configKey = configKey;
    }

    public String configKey() {
        return configKey;
    }

    /** e.g. {@code ticketBroker}: the name used in the status report's contracts map. */
    public String displayName() {
        return configKey.substring("chain.".length());
    }
}
