package io.livepeerpool.gateway.reads;

import io.livepeerpool.gateway.http.ApiError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One parameter of a read, taken from the raw query string ({@code application/x-www-form-urlencoded}: {@code +} is
 * a space, {@code %XX} bytes are UTF-8). Strict where the framework is lenient: a parameter this API reads must
 * appear at most once, with a value, percent-encoded correctly; otherwise 400 naming it. Parameters the API does not
 * read are ignored, whatever they hold.
 */
final class QueryParameter {
    private QueryParameter() {
    }

    /** The value of {@code name}, if given; 400 naming it when it is repeated, empty or badly encoded. */
    static Optional<String> single(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            Optional<String> pairName = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (pairName.isEmpty() || !pairName.get().equals(name)) {
                continue;
            }
            if (found != null) {
                throw ApiError.invalid(name, "must be given at most once");
            }
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            found = decode(value).orElseThrow(() -> ApiError.invalid(name, "is not correctly percent-encoded UTF-8"));
            if (found.isEmpty()) {
                throw ApiError.invalid(name, "has no value; leave the parameter out for its default");
            }
        }
        return Optional.ofNullable(found);
    }

    /** Form decoding that refuses a bad {@code %} escape or bytes that are not UTF-8 (instead of guessing). */
    static Optional<String> decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return Optional.of(encoded);
        }
        // '%' and '+' are ASCII, never part of a multi-byte UTF-8 sequence: work on the bytes
        byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                if (i + 2 >= in.length || !HexFormat.isHexDigit(in[i + 1]) || !HexFormat.isHexDigit(in[i + 2])) {
                    return Optional.empty();
                }
                bytes.write(HexFormat.fromHexDigit(in[i + 1]) * 16 + HexFormat.fromHexDigit(in[i + 2]));
                i += 2;
            } else {
                bytes.write(in[i] == '+' ? ' ' : in[i]);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
