package io.livepeerpool.ledger.streams.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

final class BenchFiles {
    private BenchFiles() {
    }

    /** Best effort: what cannot be deleted stays in the temporary directory. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leave it to the OS's temporary-file cleaning
        }
    }
}
