package io.livepeerpool.ledger.streams.store;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store values that are one integer (a balance in wei, a weight): its decimal digits in UTF-8, so that a changelog
 * read with a console consumer shows the amount. Negative values are refused: no stored amount is below 0.
 */
public final class BigIntegerSerde {
    private BigIntegerSerde() {
    }

    public static Serde<BigInteger> create() {
        Serializer<BigInteger> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            if (value.signum() < 0) {
                throw new IllegalArgumentException("stored amounts are >= 0, got " + value + " for " + topic);
            }
            return value.toString().getBytes(StandardCharsets.US_ASCII);
        };
        Deserializer<BigInteger> deserializer = (topic, bytes) ->
                bytes == null ? null : new BigInteger(new String(bytes, StandardCharsets.US_ASCII));
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
