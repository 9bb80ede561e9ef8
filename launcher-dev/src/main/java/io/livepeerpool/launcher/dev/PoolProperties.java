package io.livepeerpool.launcher.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code DIR/pool.properties}: the configuration {@code pool dev} runs its services with, so that any {@code pool}
 * command reaches the dev pool's infrastructure, e.g. {@code pool ledger audit --config .pool-dev/pool.properties}.
 * It holds the dev database password and wallet keys, so it is readable by its owner only, like the credentials file.
 */
final class PoolProperties {
    static final String FILE_NAME = "pool.properties";

    private PoolProperties() {
    }

    static Path write(Path dir, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(new TreeMap<>(settings));
        Path file = dir.resolve(FILE_NAME);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties.store(out, "written by pool dev: every pool command reaches this dev pool with --config "
                    + file);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
