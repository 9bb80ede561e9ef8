package io.livepeerpool.protocol.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {
    // EIP-55's own test vectors.
    @Test
    void acceptsChecksummedAndSingleCaseForms() {
        assertThat(Address.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").hex())
                .isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(Address.parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359").checksummed())
                .isEqualTo("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
        assertThat(Address.parse("0x52908400098527886E0F7030069857D2E4169EE7").hex())
                .isEqualTo("0x52908400098527886e0f7030069857d2e4169ee7");
    }

    @Test
    void rejectsBadChecksumAndShape() {
        assertThatThrownBy(() -> Address.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
                .hasMessageContaining("EIP-55");
        assertThat(Address.isValid("0x1234")).isFalse();
        assertThat(Address.isValid("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).isFalse();
        assertThat(Address.isValid(null)).isFalse();
    }

    @Test
    void addressesAreHeldLowercase() {
        assertThat(Address.parse("0xabcdef0000000000000000000000000000000001").hex())
                .isEqualTo("0xabcdef0000000000000000000000000000000001");
        assertThat(Address.parse("0xABCDEF0000000000000000000000000000000001").hex())
                .isEqualTo("0xabcdef0000000000000000000000000000000001");
    }

    @Test
    void refusesMalformedAndUncheckedMixedCaseAddresses() {
        assertThatThrownBy(() -> Address.parse("0xabc")).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> Address.parse("abcdef00000000000000000000000000000000000001"))
                .hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> Address.parse("0xAbcdef0000000000000000000000000000000001"))
                .hasMessageContaining("mixed-case");
    }

    @Test
    void recordsRequireTheHeldFormNamingTheirField() {
        assertThat(Address.requireLowercase("0xabcdef0000000000000000000000000000000001", "transcoder"))
                .isEqualTo("0xabcdef0000000000000000000000000000000001");
        assertThatThrownBy(() -> Address.requireLowercase("0xABCDEF0000000000000000000000000000000001", "transcoder"))
                .hasMessage("transcoder must be a lowercase 0x address, got 0xABCDEF0000000000000000000000000000000001");
        assertThatThrownBy(() -> Address.requireLowercase(null, "sender")).hasMessageStartingWith("sender ");
    }

    @Test
    void theShapeIsExactlyZeroXAndFortyHexDigits() {
        String ok = "0x" + "0123456789abcdefABCDEF0123456789abcdefAB".toLowerCase(java.util.Locale.ROOT);
        assertThat(Address.parse(ok).hex()).isEqualTo(ok);
        for (String bad : new String[] {"", "0x", ok.substring(1), ok + "0", "0X" + ok.substring(2), "1x" + ok.substring(2),
                ok.substring(0, 41) + "g", ok.substring(0, 41) + "/", ok.substring(0, 41) + ":", ok.substring(0, 41) + "`",
                ok.substring(0, 41) + "G", ok.substring(0, 41) + "@", ok.substring(0, 41) + "\u0660", " " + ok.substring(1)}) {
            assertThatThrownBy(() -> Address.parse(bad)).as(bad).hasMessageContaining("40 hex digits");
            assertThatThrownBy(() -> new Address(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
