package io.livepeerpool.platform.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Validated configuration for one deployable. All declared keys are parsed at construction; every problem is
 * collected and thrown together, so an operator fixes them in one pass.
 */
public final class Config {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();

    private Config() {
    }

    /**
     * Parses every declared key; a key given in the file or as {@code --set} that is not declared is a problem too
     * (see {@link ConfigSource} for the rule, and for environment variables), unless the source was already
     * {@linkplain ConfigSource#checkedAgainst checked} against a larger key set.
     */
    public static Config load(ConfigSource source, Collection<ConfigKey<?>> declared) {
        Config config = new Config();
        List<String> problems = new ArrayList<>();
        if (!source.checked()) {
            problems.addAll(source.unknownKeys(declared));
        }
        for (ConfigKey<?> key : declared) {
            config.keys.put(key.name(), key);
            Optional<String> raw;
            try {
                raw = source.raw(key.name());
            } catch (IOException e) {
                problems.add(key.name() + ".file: cannot be read (" + e.getMessage() + ")");
                continue;
            }
            String text = raw.orElse(key.defaultValue());
            if (text == null) {
                problems.add(key.name() + ": required (" + key.doc() + "); set it in the config file, as "
                        + ConfigSource.envName(key.name()) + ", or as " + key.name() + ".file");
                continue;
            }
            try {
                config.values.put(key.name(), key.parser().apply(text));
            } catch (RuntimeException e) {
                String shown = key.secret() ? SecretMask.secret(text) : "'" + SecretMask.plain(text) + "'";
                problems.add(key.name() + ": invalid value " + shown + " (" + describe(e) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key.name())) {
            throw new IllegalStateException("configuration key not declared for this service: " + key.name());
        }
        return (T) values.get(key.name());
    }

    /**
     * The effective configuration, one {@code key = value} per line, safe to log: secrets masked, and URLs in other
     * keys without user info, query values or key-like path segments ({@link SecretMask}).
     */
    public String describe() {
        return keys.values().stream()
                .map(k -> k.name() + " = " + shown(k))
                .collect(Collectors.joining("\n"));
    }

    /** One key's value as it may be shown (see {@link #describe()}). */
    public String shown(ConfigKey<?> key) {
        Object value = values.get(key.name());
        return key.secret() ? SecretMask.secret(value) : SecretMask.plain(value);
    }

    private static String describe(RuntimeException e) {
        if (e instanceof NumberFormatException) {
            return "not a number";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
