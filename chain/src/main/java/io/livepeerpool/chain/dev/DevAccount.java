package io.livepeerpool.chain.dev;

import io.livepeerpool.protocol.address.Address;
import org.web3j.crypto.Credentials;

/** A funded dev chain account: role name, HD index, private key (0x hex) and address. Publicly known keys: dev only. */
public record DevAccount(String role, int index, String privateKey, Address address) {

    public Credentials credentials() {
        return Credentials.create(privateKey);
    }

    @Override
    public String toString() {
        return role + " #" + index + " " + address.checksummed(); // never the key
    }
}
