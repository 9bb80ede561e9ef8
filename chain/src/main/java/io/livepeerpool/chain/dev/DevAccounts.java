package io.livepeerpool.chain.dev;

import io.livepeerpool.protocol.address.Address;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.utils.Numeric;

/**
 * The dev chain's funded accounts, derived from the node's mnemonic on the standard path m/44'/60'/0'/0/i (anvil
 * does the same, so these are exactly the node's accounts). Roles: 0 deployer (contract owner, round initializer),
 * 1 orchestrator (ticket recipient, registered in the BondingManager), 2 broadcaster (ticket sender), 3 redeemer
 * (pays redemption gas), 4 payout wallet; 5 and up are spares (second orchestrator, transcoder payees, ...).
 */
public record DevAccounts(
        DevAccount deployer,
        DevAccount orchestrator,
        DevAccount broadcaster,
        DevAccount redeemer,
        DevAccount payout,
        List<DevAccount> all) {

    /** The default mnemonic of anvil and Hardhat: its accounts are publicly known. */
    public static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";
    static final int ROLES = 5;

    public DevAccounts {
        all = List.copyOf(all);
    }

    public static DevAccounts fromMnemonic(String mnemonic, int count) {
        if (count < ROLES) {
            throw new IllegalArgumentException("need at least " + ROLES + " accounts, got " + count);
        }
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
        String[] roles = {"deployer", "orchestrator", "broadcaster", "redeemer", "payout"};
        List<DevAccount> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, i};
            Credentials credentials = Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
            String key = Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
            accounts.add(new DevAccount(i < ROLES ? roles[i] : "spare", i, key, Address.parse(credentials.getAddress())));
        }
        return new DevAccounts(accounts.get(0), accounts.get(1), accounts.get(2), accounts.get(3), accounts.get(4), accounts);
    }

    /** Spare funded account {@code n} (0-based), i.e. HD index 5 + n. */
    public DevAccount spare(int n) {
        int index = ROLES + n;
        if (n < 0 || index >= all.size()) {
            throw new IllegalArgumentException("no spare account " + n + " (" + (all.size() - ROLES) + " spares)");
        }
        return all.get(index);
    }

    public List<Address> addresses() {
        return all.stream().map(DevAccount::address).toList();
    }
}
