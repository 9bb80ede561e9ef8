package io.livepeerpool.protocol.ticket;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The sender's signature over a ticket: secp256k1 over the EIP-191 "\x19Ethereum Signed Message:\n32" prefix of the
 * ticket hash, 65 bytes r ++ s ++ v. Only what the TicketBroker accepts is accepted here: v 27 or 28 and a low s
 * (EIP-2). A v of 0/1 or a high s would recover a sender off chain, but the redemption would revert, so a gateway
 * that took such a ticket would promise revenue that can never be collected.
 */
public final class TicketSignature {
    public static final int LENGTH = 65;
    /** secp256k1n / 2: the largest s the chain accepts (EIP-2). */
    public static final BigInteger S_MAX = new BigInteger("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", 16);

    private TicketSignature() {
    }

    public static byte[] sign(Bytes32 ticketHash, ECKeyPair sender) {
        Sign.SignatureData sig = Sign.signPrefixedMessage(ticketHash.bytes(), sender);
        byte[] out = new byte[LENGTH];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return out;
    }

    /** The address that signed, or empty if the bytes are not a valid recoverable signature. */
    public static Optional<Address> recover(Bytes32 ticketHash, byte[] signature) {
        if (signature == null || signature.length != LENGTH) {
            return Optional.empty();
        }
        byte v = signature[64];
        if (v != 27 && v != 28) {
            return Optional.empty();
        }
        if (new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)).compareTo(S_MAX) > 0) {
            return Optional.empty();
        }
        Sign.SignatureData data = new Sign.SignatureData(v,
                Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(ticketHash.bytes(), data);
            return Optional.of(new Address("0x" + Keys.getAddress(publicKey)));
        } catch (SignatureException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
