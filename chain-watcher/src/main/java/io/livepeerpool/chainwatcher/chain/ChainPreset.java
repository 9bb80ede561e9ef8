package io.livepeerpool.chainwatcher.chain;

import io.livepeerpool.protocol.address.Address;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Known deployments of the Livepeer protocol ({@code chain.preset}). A preset supplies the contract addresses (each
 * explicit {@code chain.<contract>} key still wins) and the chain id the watcher checks the RPC endpoint against.
 * Addresses from LIVEPEER.md.
 */
public enum ChainPreset {
    /** No preset: the three addresses must be configured. */
    NONE("none", OptionalLong.empty(), null),
    /** Livepeer on Arbitrum One (chain id 42161); Controller 0xD8E8328501E9645d16Cf49539efC04f734606ee4. */
    ARBITRUM_ONE("arbitrum-one", OptionalLong.of(42161), new ContractAddresses(
            Address.parse("0xa8bB618B1520E284046F3dFc448851A1Ff26e41B"),
            Address.parse("0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f"),
            Address.parse("0x35Bcf3c30594191d53231E4FF333E8A770453e40")));

    private final String configName;
    private final OptionalLong chainId;
    private final ContractAddresses contracts;

    ChainPreset(String configName, OptionalLong chainId, ContractAddresses contracts) {
        this.configName = configName;
        this.chainId = chainId;
        this.contracts = contracts;
    }

    public String configName() {
        return configName;
    }

    /** The chain id the RPC endpoint must report, when the preset names a network. */
    public OptionalLong chainId() {
        return chainId;
    }

    /** The preset's address for {@code role}, or null for {@link #NONE}. */
    public Address address(ContractRole role) {
        return contracts == null ? null : contracts.of(role);
    }

    /** Parses {@code chain.preset}: {@code none} (or empty) or {@code arbitrum-one}. */
    public static ChainPreset parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return NONE;
        }
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset; known: "
                        + Arrays.stream(values()).map(ChainPreset::configName).collect(Collectors.joining(", "))));
    }
}
