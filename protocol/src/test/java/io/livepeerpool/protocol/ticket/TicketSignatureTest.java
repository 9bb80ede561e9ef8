package io.livepeerpool.protocol.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Positive;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

class TicketSignatureTest {
    private static final ECKeyPair SENDER = ECKeyPair.create(new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16));
    private static final Address SENDER_ADDRESS = new Address("0x" + Keys.getAddress(SENDER));

    private static Ticket ticket(long nonce, long faceValue) {
        return new Ticket(Address.parse("0x1111111111111111111111111111111111111111"), SENDER_ADDRESS,
                BigInteger.valueOf(faceValue), Uint256.MAX, BigInteger.valueOf(nonce),
                WinningCheck.recipientRandHash(BigInteger.valueOf(42)), BigInteger.valueOf(7),
                Bytes32.parse("0x" + "ab".repeat(32)));
    }

    @Property(tries = 50)
    void aSignedTicketRecoversItsSender(@ForAll @Positive long nonce, @ForAll @Positive long faceValue) {
        Ticket t = ticket(nonce, faceValue);
        byte[] sig = TicketSignature.sign(TicketHash.of(t), SENDER);
        assertThat(TicketSignature.recover(TicketHash.of(t), sig)).contains(SENDER_ADDRESS);
    }

    @Property(tries = 50)
    void aSignatureOverAnotherTicketRecoversSomeoneElse(@ForAll @Positive long nonce) {
        byte[] sig = TicketSignature.sign(TicketHash.of(ticket(nonce, 1)), SENDER);
        assertThat(TicketSignature.recover(TicketHash.of(ticket(nonce, 2)), sig)).isNotEqualTo(java.util.Optional.of(SENDER_ADDRESS));
    }

    @Property(tries = 20)
    void winProbOfMaxAlwaysWinsAndZeroNeverWins(@ForAll @Positive long rand) {
        byte[] sig = TicketSignature.sign(TicketHash.of(ticket(1, 1)), SENDER);
        assertThat(WinningCheck.wins(sig, BigInteger.valueOf(rand), Uint256.MAX)).isTrue();
        assertThat(WinningCheck.wins(sig, BigInteger.valueOf(rand), BigInteger.ZERO)).isFalse();
    }

    @Property(tries = 1)
    void packedTicketIs232Bytes() {
        assertThat(TicketHash.packed(ticket(1, 1))).hasSize(232);
    }

    @net.jqwik.api.Example
    void malformedSignaturesRecoverNothing() {
        Bytes32 hash = TicketHash.of(ticket(1, 1));
        assertThat(TicketSignature.recover(hash, new byte[64])).isEmpty();
        byte[] badV = TicketSignature.sign(hash, SENDER);
        badV[64] = 5;
        assertThat(TicketSignature.recover(hash, badV)).isEmpty();
    }

    @net.jqwik.api.Example
    void onlyWhatTheChainAcceptsIsAccepted() {
        Bytes32 hash = TicketHash.of(ticket(1, 1));
        byte[] sig = TicketSignature.sign(hash, SENDER);
        assertThat(TicketSignature.recover(hash, sig)).contains(SENDER_ADDRESS);

        byte[] zeroBasedV = sig.clone();
        zeroBasedV[64] -= 27;
        assertThat(TicketSignature.recover(hash, zeroBasedV)).as("v 0/1: the contract reverts").isEmpty();

        // (r, n - s, v flipped) is the same signature in its high-s form: ecrecover gives the same signer, the
        // contract refuses it.
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        byte[] highS = sig.clone();
        System.arraycopy(Uint256.toBytes32(n.subtract(s)), 0, highS, 32, 32);
        highS[64] = (byte) (sig[64] == 27 ? 28 : 27);
        assertThat(TicketSignature.recover(hash, highS)).as("high s: the contract reverts").isEmpty();
    }
}
