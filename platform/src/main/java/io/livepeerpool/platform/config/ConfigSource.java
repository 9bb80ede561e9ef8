package io.livepeerpool.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where raw configuration text comes from, highest precedence first: explicit overrides (command line
 * {@code --set key=value}), environment variables ({@code POOL_} + the key upper-cased with dots and dashes as
 * underscores, so {@code gateway.port} is {@code POOL_GATEWAY_PORT}), then a {@code .properties} file.
 * For any key, {@code <key>.file} names a file whose trimmed content is the value: how secrets are passed.
 *
 * <p>Unknown keys (see {@link #unknownKeys}): a key in the file or in {@code --set} that the process does not
 * declare is refused at start, each named, because a typo there would otherwise leave a default silently in place.
 * A {@code POOL_*} environment variable that matches no declared key is only warned about, one line naming the
 * variable (never its value): one environment is commonly shared by several services (a compose {@code env_file},
 * a Kubernetes ConfigMap), each declaring only its own keys, and the variable-to-key mapping is lossy (dots and
 * dashes both become underscores), so another service's variable cannot be told from a typo here.
 */
public final class ConfigSource {
    private static final Logger log = LoggerFactory.getLogger(ConfigSource.class);
    static final String ENV_PREFIX = "POOL_";
    private static final String FILE_SUFFIX = ".file";

    private final Map<String, String> overrides;
    private final Map<String, String> environment;
    private final Properties file;
    /** Null until {@link #checkedAgainst} verified every given key against a process's whole key set. */
    private final Set<String> checkedKeys;

    private ConfigSource(Map<String, String> overrides, Map<String, String> environment, Properties file,
                         Set<String> checkedKeys) {
        this.overrides = Map.copyOf(overrides);
        this.environment = Map.copyOf(environment);
        this.file = file;
        this.checkedKeys = checkedKeys;
    }

    private ConfigSource(Map<String, String> overrides, Map<String, String> environment, Properties file) {
        this(overrides, environment, file, null);
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

    /**
     * For a process that loads several services' configurations from this one source ({@code pool dev}): checks
     * every given key against the union of their keys once (throws {@link ConfigException} naming each unknown key;
     * warns about unknown {@code POOL_*} variables) and returns a source whose {@link Config#load} skips the check,
     * since each service then declares only a part of the keys.
     */
    public ConfigSource checkedAgainst(Collection<ConfigKey<?>> allKeys) {
        List<String> problems = unknownKeys(allKeys);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Set<String> names = new TreeSet<>();
        allKeys.forEach(k -> names.add(k.name()));
        return new ConfigSource(overrides, environment, file, Set.copyOf(names));
    }

    boolean checked() {
        return checkedKeys != null;
    }

    /**
     * One problem per key given in the file or as an override that is not {@code declared} (nor {@code
     * <declared>.file}), with the closest declared key when one is near; logs a warning per {@code POOL_*}
     * environment variable that matches no declared key.
     */
    List<String> unknownKeys(Collection<ConfigKey<?>> declared) {
        Set<String> names = new TreeSet<>();
        declared.forEach(k -> names.add(k.name()));
        Set<String> given = new LinkedHashSet<>(new TreeSet<>(overrides.keySet()));
        file.stringPropertyNames().stream().sorted().forEach(given::add);
        List<String> problems = new java.util.ArrayList<>();
        for (String key : given) {
            String base = key.endsWith(FILE_SUFFIX) ? key.substring(0, key.length() - FILE_SUFFIX.length()) : key;
            if (!names.contains(key) && !names.contains(base)) {
                String from = overrides.containsKey(key) ? "--set" : "the config file";
                problems.add(key + ": unknown key (in " + from + ")" + KeyNames.suggestion(key, names));
            }
        }
        Set<String> envNames = new java.util.HashSet<>();
        for (String name : names) {
            envNames.add(envName(name));
            envNames.add(envName(name + FILE_SUFFIX));
        }
        environment.keySet().stream().filter(v -> v.startsWith(ENV_PREFIX) && !envNames.contains(v)).sorted()
                .forEach(v -> log.warn("environment variable {} matches no configuration key of this service;"
                        + " ignored (fine if it is meant for another pool service sharing the environment)", v));
        return problems;
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
