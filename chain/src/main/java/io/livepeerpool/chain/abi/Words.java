package io.livepeerpool.chain.abi;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.utils.Numeric;

/**
 * Return data or log data read as 32-byte words: enough for the static values (uint256, bool, bytes32, address) that
 * the pool reads, without type references.
 */
public final class Words {
    private final byte[] data;

    private Words(byte[] data) {
        this.data = data;
    }

    public static Words of(String hex) {
        return new Words(Numeric.hexStringToByteArray(hex == null ? "0x" : hex));
    }

    public int count() {
        return data.length / 32;
    }

    public byte[] word(int index) {
        if (index < 0 || index >= count()) {
            throw new IllegalArgumentException("no word " + index + " in " + count() + " words of return data");
        }
        return Arrays.copyOfRange(data, index * 32, index * 32 + 32);
    }

    public BigInteger uint(int index) {
        return new BigInteger(1, word(index));
    }

    public boolean bool(int index) {
        return uint(index).signum() != 0;
    }

    public Bytes32 bytes32(int index) {
        return new Bytes32(word(index));
    }

    public Address address(int index) {
        return new Address("0x" + Numeric.toHexStringNoPrefix(Arrays.copyOfRange(word(index), 12, 32)));
    }

    /** An indexed address topic (32 bytes, left-padded). */
    public static Address topicAddress(String topic) {
        return of(topic).address(0);
    }
}
