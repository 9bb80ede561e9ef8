package io.livepeerpool.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the launcher runs from: {@code -Dpool.home} (set by ./pool), else the nearest parent with a pom.xml. */
public final class PoolHome {
    private PoolHome() {
    }

    public static Path dir() {
        String configured = System.getProperty("pool.home");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pool"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UserInputException("cannot find the pool checkout; run through ./pool or set -Dpool.home");
        }
        return dir;
    }
}
