package io.livepeerpool.platform.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key, declared once: name, how its text becomes a value, its default, and what it means.
 * A key without a default is required. A secret key is masked when the effective configuration is logged, and
 * may also be given as {@code <name>.file} naming a file that holds the value.
 */
public record ConfigKey<T>(String name, Function<String, T> parser, String defaultValue, String doc, boolean secret) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(doc, "doc");
    }

    public boolean required() {
        return defaultValue == null;
    }

    public static ConfigKey<String> string(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, s -> s, defaultValue, doc, false);
    }

    public static ConfigKey<String> secret(String name, String doc) {
        return new ConfigKey<>(name, s -> s, null, doc, true);
    }

    public static ConfigKey<String> optionalSecret(String name, String doc) {
        return new ConfigKey<>(name, s -> s, "", doc, true);
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new ConfigKey<>(name, s -> inRange(Integer.parseInt(s.trim()), min, max), Integer.toString(defaultValue), doc, false);
    }

    public static ConfigKey<Long> longValue(String name, long defaultValue, long min, long max, String doc) {
        return new ConfigKey<>(name, s -> inRange(Long.parseLong(s.trim()), min, max), Long.toString(defaultValue), doc, false);
    }

    /** Amounts and other big integers; never parsed through a floating type. */
    public static ConfigKey<BigInteger> bigInteger(String name, BigInteger defaultValue, BigInteger min, String doc) {
        return new ConfigKey<>(name, s -> {
            BigInteger v = new BigInteger(s.trim());
            if (v.compareTo(min) < 0) {
                throw new IllegalArgumentException("must be >= " + min);
            }
            return v;
        }, defaultValue.toString(), doc, false);
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, ConfigKey::parseBoolean, Boolean.toString(defaultValue), doc, false);
    }

    public static ConfigKey<Path> path(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, s -> Path.of(s.trim()), defaultValue, doc, false);
    }

    private static boolean parseBoolean(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static <N extends Comparable<N>> N inRange(N value, N min, N max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return value;
    }
}
