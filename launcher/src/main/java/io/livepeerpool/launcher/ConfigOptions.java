package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The configuration options every service command shares: a properties file, then {@code --set} overrides. */
public final class ConfigOptions {
    private static final Logger log = LoggerFactory.getLogger(ConfigOptions.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file. Environment variables POOL_<KEY> override it, --set overrides both.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one configuration key (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The file, the environment and the overrides, checked once against every key of every pool service
     * ({@link PoolKeys}): a key no service knows is refused here, naming it; a key of another service is left to it,
     * so one file (e.g. {@code pool dev}'s {@code pool.properties}) serves every command.
     */
    public ConfigSource source() {
        return ConfigSource.fromSystem(file, overrides).checkedAgainst(PoolKeys.all());
    }

    /** Loads and validates the service's keys, and logs the effective configuration with secrets masked. */
    public Config load(String service, Collection<ConfigKey<?>> keys) {
        Config config = Config.load(source(), keys);
        log(service, config);
        return config;
    }

    public void log(String service, Config config) {
        log.info("{} configuration:\n{}", service, indent(config.describe()));
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
