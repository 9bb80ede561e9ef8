package io.livepeerpool.chainwatcher.decode;

import io.livepeerpool.protocol.address.Address;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ledger.orchestrators}: which orchestrators' WinningTicketTransfer (by recipient) and TranscoderUpdate
 * (by transcoder) events the pool wants. Empty (the dev chain only): all of them. Other events are never filtered:
 * sender funds, rounds and fee withdrawals are needed whoever the orchestrator is (max float, settlement barrier,
 * audit).
 */
public record OrchestratorFilter(Set<Address> orchestrators) {
    public static final OrchestratorFilter ALL = new OrchestratorFilter(Set.of());

    public OrchestratorFilter {
        orchestrators = Set.copyOf(orchestrators);
    }

    /** Parses a comma-separated list of addresses (any case; mixed case must be EIP-55); blank: all. */
    public static OrchestratorFilter parse(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return ALL;
        }
        return new OrchestratorFilter(java.util.Arrays.stream(commaList.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Address::parse).collect(Collectors.toSet()));
    }

    public boolean acceptsAll() {
        return orchestrators.isEmpty();
    }

    /** True if events concerning {@code orchestrator} (lowercase hex) are wanted. */
    public boolean accepts(String orchestrator) {
        return orchestrators.isEmpty() || orchestrators.contains(new Address(orchestrator));
    }

    @Override
    public String toString() {
        return acceptsAll() ? "(all)" : orchestrators.stream().map(Address::hex).sorted().collect(Collectors.joining(","));
    }
}
