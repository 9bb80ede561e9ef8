package io.livepeerpool.platform.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers shared by the devstack, the benchmarks and the tests. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it; nothing happens if it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Best effort, for temporary directories: what cannot be deleted is left to the OS's temp cleaning. */
    public static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException | RuntimeException e) {
            // left behind in a temporary directory
        }
    }
}
