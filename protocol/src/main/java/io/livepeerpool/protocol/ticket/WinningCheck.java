package io.livepeerpool.protocol.ticket;

import java.math.BigInteger;
import org.web3j.crypto.Hash;

/** The TicketBroker's win rule and recipientRand commitment, as pure functions. */
public final class WinningCheck {
    private WinningCheck() {
    }

    /** keccak256(leftpad32(recipientRand)): what the recipient committed to in the ticket params. */
    public static Bytes32 recipientRandHash(BigInteger recipientRand) {
        return new Bytes32(Hash.sha3(Uint256.toBytes32(recipientRand)));
    }

    /** uint256(keccak256(sig ++ leftpad32(recipientRand))) < winProb. */
    public static boolean wins(byte[] signature, BigInteger recipientRand, BigInteger winProb) {
        byte[] input = new byte[signature.length + 32];
        System.arraycopy(signature, 0, input, 0, signature.length);
        System.arraycopy(Uint256.toBytes32(recipientRand), 0, input, signature.length, 32);
        BigInteger draw = new BigInteger(1, Hash.sha3(input));
        return draw.compareTo(winProb) < 0;
    }
}
