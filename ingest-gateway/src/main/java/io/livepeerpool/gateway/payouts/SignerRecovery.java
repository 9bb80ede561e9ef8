package io.livepeerpool.gateway.payouts;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The address that signed a 32-byte digest, from a 65-byte signature {@code r || s || v} (v 27/28, or 0/1 as some
 * wallets give it). Empty when the signature is malformed or recovers no key.
 */
public final class SignerRecovery {
    private static final int SIGNATURE_BYTES = 65;

    private SignerRecovery() {
    }

    public static Optional<String> recover(byte[] digest, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return Optional.empty();
        }
        byte v = signature[64];
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            return Optional.empty();
        }
        Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(signature, 0, 32),
                Arrays.copyOfRange(signature, 32, 64));
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, data);
            return Optional.of("0x" + Keys.getAddress(publicKey));
        } catch (SignatureException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
