package io.livepeerpool.protocol.address;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** An Ethereum address, held lowercase (the form used in keys and rows); EIP-55 checksum on input when mixed case. */
public record Address(String hex) implements Comparable<Address> {
    private static final Pattern SHAPE = Pattern.compile("0x[0-9a-fA-F]{40}");

    public Address {
        if (!SHAPE.matcher(hex).matches() || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a lowercase 0x address: " + hex);
        }
    }

    /**
     * Parses user input: {@code 0x} + 40 hex digits; all-lowercase or all-uppercase digits are accepted as is,
     * mixed case must pass the EIP-55 checksum (a mixed-case address with a typo is rejected, not guessed).
     */
    public static Address parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("must be 0x followed by 40 hex digits");
        }
        String digits = text.substring(2);
        boolean mixed = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixed && !Keys.toChecksumAddress(text).substring(2).equals(digits)) {
            throw new IllegalArgumentException("mixed-case address fails its EIP-55 checksum");
        }
        return new Address("0x" + digits.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code value} if it is already in the held form (lowercase {@code 0x} + 40 hex digits): for record
     * constructors, where anything else is a bug upstream. The message starts with {@code field}.
     */
    public static String requireLowercase(String value, String field) {
        if (value == null || !SHAPE.matcher(value).matches() || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(field + " must be a lowercase 0x address, got " + value);
        }
        return value;
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String checksummed() {
        return Keys.toChecksumAddress(hex);
    }

    public byte[] bytes() {
        return org.web3j.utils.Numeric.hexStringToByteArray(hex);
    }

    @Override
    public int compareTo(Address other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
