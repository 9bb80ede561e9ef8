package io.livepeerpool.chain.wallet;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * A worker's wallet (the redeemer's, the payout worker's): signs EIP-1559 transactions at a nonce the caller chose, so
 * the signed bytes can be recorded before they are broadcast and rebroadcast byte for byte after a crash. The key
 * never leaves this object.
 */
public final class Wallet {
    private final Credentials credentials;
    private final long chainId;
    private final Address address;

    public Wallet(Credentials credentials, long chainId) {
        this.credentials = credentials;
        this.chainId = chainId;
        this.address = Address.parse(credentials.getAddress());
    }

    public Address address() {
        return address;
    }

    public SignedTx sign(long nonce, Address to, String data, BigInteger gasLimit, Fees fees) {
        return sign(nonce, to, BigInteger.ZERO, data, gasLimit, fees);
    }

    /** A call carrying {@code value} wei. */
    public SignedTx sign(long nonce, Address to, BigInteger value, String data, BigInteger gasLimit, Fees fees) {
        RawTransaction tx = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce), gasLimit, to.hex(),
                value, data, fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
        return new SignedTx(nonce, raw, Hash.sha3(raw), gasLimit, fees);
    }

    @Override
    public String toString() {
        return "wallet " + address.hex(); // never the key
    }
}
