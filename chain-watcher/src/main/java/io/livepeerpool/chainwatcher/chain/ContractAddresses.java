package io.livepeerpool.chainwatcher.chain;

import io.livepeerpool.protocol.address.Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Where the watched contracts live on the configured chain (lowercase addresses). */
public record ContractAddresses(Address ticketBroker, Address roundsManager, Address bondingManager) {

    public ContractAddresses {
        Objects.requireNonNull(ticketBroker, "ticketBroker");
        Objects.requireNonNull(roundsManager, "roundsManager");
        Objects.requireNonNull(bondingManager, "bondingManager");
        if (List.of(ticketBroker, roundsManager, bondingManager).stream().distinct().count() != 3) {
            throw new IllegalArgumentException("the three contract addresses must differ");
        }
    }

    public Address of(ContractRole role) {
        return switch (role) {
            case TICKET_BROKER -> ticketBroker;
            case ROUNDS_MANAGER -> roundsManager;
            case BONDING_MANAGER -> bondingManager;
        };
    }

    /** The role of the contract at {@code address}, if it is one of ours. */
    public Optional<ContractRole> roleOf(Address address) {
        for (ContractRole role : ContractRole.values()) {
            if (of(role).equals(address)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public List<Address> all() {
        return List.of(ticketBroker, roundsManager, bondingManager);
    }

    /** {@code ticketBroker -> 0x...}, in role order: what {@code GET /status} shows. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (ContractRole role : ContractRole.values()) {
            map.put(role.displayName(), of(role).hex());
        }
        return Map.copyOf(map);
    }
}
