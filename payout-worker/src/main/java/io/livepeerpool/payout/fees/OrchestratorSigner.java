package io.livepeerpool.payout.fees;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Signs withdrawals with the orchestrator's key at a nonce the caller chose, so the signed bytes can be recorded before
 * they are broadcast and rebroadcast byte for byte after a crash. Legacy (gas price) transactions: what the node
 * suggests is what is paid, on Arbitrum and on the dev chain alike. The key never leaves this object.
 */
public final class OrchestratorSigner {
    private final Credentials credentials;
    private final long chainId;
    private final Address address;

    public OrchestratorSigner(Credentials credentials, long chainId) {
        this.credentials = credentials;
        this.chainId = chainId;
        this.address = Address.parse(credentials.getAddress());
    }

    public Address address() {
        return address;
    }

    public Signed sign(long nonce, Address to, String data, BigInteger gasLimit, BigInteger gasPrice) {
        RawTransaction tx = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice, gasLimit, to.hex(),
                BigInteger.ZERO, data);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
        return new Signed(nonce, raw, Hash.sha3(raw));
    }

    /** Signed bytes ready to broadcast, and their hash. */
    public record Signed(long nonce, String rawTx, String txHash) {
    }

    @Override
    public String toString() {
        return "orchestrator " + address.hex(); // never the key
    }
}
