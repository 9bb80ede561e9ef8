package io.livepeerpool.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** CharShape answers exactly what the regular expression it replaced answers. */
class CharShapeTest {
    static final String ALPHABET = "azAZ09._:-_/ \u00e9\u0130+0x\u0000\u007f\u0080";

    static void agrees(CharShape shape, String regex) {
        Pattern pattern = Pattern.compile(regex);
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            int length = random.nextInt(140);
            StringBuilder s = new StringBuilder();
            boolean plain = random.nextBoolean();
            for (int i = 0; i < length; i++) {
                s.append(plain && random.nextInt(20) > 0 ? (char) ('a' + random.nextInt(6))
                        : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String value = s.toString();
            assertThat(shape.matches(value)).as("%s on '%s'", regex, value).isEqualTo(pattern.matcher(value).matches());
        }
    }

    @Test
    void agreesWithTheRegularExpressions() {
        agrees(new CharShape("09", 1, 12), "[0-9]{1,12}");
        agrees(new CharShape("AZaz09__--", 8, 64), "[A-Za-z0-9_-]{8,64}");
        agrees(new CharShape("09af", 64, 64), "[0-9a-f]{64,64}");
        agrees(new CharShape("AZaz09..::--__", 1, 128), "[A-Za-z0-9.:\\-_]{1,128}");
    }

    @Test
    void boundsAndNonAscii() {
        CharShape nonce = new CharShape("AZaz09__--", 8, 64);
        assertThat(nonce.matches("abcdefgh")).isTrue();
        assertThat(nonce.matches("abcdefg")).isFalse();
        assertThat(nonce.matches("a".repeat(64))).isTrue();
        assertThat(nonce.matches("a".repeat(65))).isFalse();
        assertThat(nonce.matches("abcdefg\u00e9")).isFalse();
        assertThatThrownBy(() -> new CharShape("a", 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CharShape("za", 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CharShape("az", 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
