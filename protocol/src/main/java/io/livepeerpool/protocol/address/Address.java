package io.livepeerpool.protocol.address;

import java.util.Locale;
import org.web3j.crypto.Keys;

/** An Ethereum address, held lowercase (the form used in keys and rows); EIP-55 checksum on input when mixed case. */
public record Address(String hex) implements Comparable<Address> {
    private static final int HEX_DIGITS = 40;

    public Address {
        if (!isShaped(hex) || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a lowercase 0x address: " + hex);
        }
    }

    /**
     * Parses user input: {@code 0x} + 40 hex digits; all-lowercase or all-uppercase digits are accepted as is,
     * mixed case must pass the EIP-55 checksum (a mixed-case address with a typo is rejected, not guessed).
     */
    public static Address parse(String text) {
        if (text == null || !isShaped(text)) {
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
        if (value == null || !isShaped(value) || !value.equals(value.toLowerCase(Locale.ROOT))) {
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

    /**
     * {@code 0x} and 40 hex digits, either case. A loop rather than {@code 0x[0-9a-fA-F]{40}}: every job of a batch
     * passes here twice, and the regular expression was a third of the gateway's CPU on batch posts (JFR).
     */
    private static boolean isShaped(String text) {
        if (text.length() != 2 + HEX_DIGITS || text.charAt(0) != '0' || text.charAt(1) != 'x') {
            return false;
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
