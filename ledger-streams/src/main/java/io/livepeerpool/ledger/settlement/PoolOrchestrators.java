package io.livepeerpool.ledger.settlement;

import io.livepeerpool.protocol.address.Address;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ledger.orchestrators}: the pool's own orchestrators. Only a WinningTicketTransfer to one of them is revenue;
 * a transfer to anyone else (another orchestrator on the same chain) is not the pool's money. Never empty: there is
 * no "all" (on Arbitrum that would pay the whole network's ticket revenue to the pool's transcoders).
 *
 * @param addresses lowercase {@code 0x} addresses, at least one
 */
public record PoolOrchestrators(Set<String> addresses) {

    public PoolOrchestrators {
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one orchestrator address is required");
        }
        addresses.forEach(a -> Address.requireLowercase(a, "orchestrator"));
        addresses = Set.copyOf(new TreeSet<>(addresses));
    }

    /** A comma-separated list of addresses (any letter case; mixed case must be a valid EIP-55 checksum). */
    public static PoolOrchestrators parse(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            throw new IllegalArgumentException("at least one orchestrator address is required");
        }
        Set<String> addresses = new TreeSet<>();
        Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> addresses.add(Address.parse(s).hex()));
        return new PoolOrchestrators(addresses);
    }

    public static PoolOrchestrators of(String... addresses) {
        return parse(String.join(",", addresses));
    }

    /** True when a transfer to {@code recipient} (lowercase) is the pool's revenue. */
    public boolean contains(String recipient) {
        return addresses.contains(recipient);
    }

    /** The setting's text: the addresses in order, comma-separated. */
    @Override
    public String toString() {
        return String.join(",", new TreeSet<>(addresses));
    }
}
