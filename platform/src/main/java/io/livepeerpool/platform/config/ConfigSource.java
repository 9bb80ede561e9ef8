package io.livepeerpool.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where raw configuration text comes from, highest precedence first: explicit overrides (command line
 * {@code --set key=value}), environment variables ({@code POOL_} + the key upper-cased with dots and dashes as
 * underscores, so {@code gateway.port} is {@code POOL_GATEWAY_PORT}), then a {@code .properties} file.
 * For any key, {@code <key>.file} names a file whose trimmed content is the value: how secrets are passed.
 */
public final class ConfigSource {
    private final Map<String, String> overrides;
    private final Map<String, String> environment;
    private final Properties file;

    private ConfigSource(Map<String, String> overrides, Map<String, String> environment, Properties file) {
        this.overrides = Map.copyOf(overrides);
        this.environment = Map.copyOf(environment);
        this.file = file;
    }

    public static ConfigSource of(Map<String, String> overrides) {
        return new ConfigSource(overrides, Map.of(), new Properties());
    }

    public static ConfigSource load(Path propertiesFile, Map<String, String> environment, Map<String, String> overrides) {
        Properties props = new Properties();
        if (propertiesFile != null) {
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException(java.util.List.of("config file " + propertiesFile + ": cannot be read (" + e.getMessage() + ")"));
            }
        }
        return new ConfigSource(overrides, environment, props);
    }

    /** The system environment plus the given file and overrides. */
    public static ConfigSource fromSystem(Path propertiesFile, Map<String, String> overrides) {
        return load(propertiesFile, System.getenv(), overrides);
    }

    public ConfigSource withOverrides(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(more);
        return new ConfigSource(merged, environment, file);
    }

    /** The raw text for a key, reading {@code <key>.file} when that is the form given. */
    public Optional<String> raw(String key) throws IOException {
        Optional<String> direct = lookup(key);
        if (direct.isPresent()) {
            return direct;
        }
        Optional<String> fromFile = lookup(key + ".file");
        if (fromFile.isPresent()) {
            return Optional.of(Files.readString(Path.of(fromFile.get().trim()), StandardCharsets.UTF_8).trim());
        }
        return Optional.empty();
    }

    private Optional<String> lookup(String key) {
        if (overrides.containsKey(key)) {
            return Optional.of(overrides.get(key));
        }
        String env = environment.get(envName(key));
        if (env != null) {
            return Optional.of(env);
        }
        return Optional.ofNullable(file.getProperty(key));
    }

    public static String envName(String key) {
        return "POOL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
