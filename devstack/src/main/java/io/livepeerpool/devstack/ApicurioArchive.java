package io.livepeerpool.devstack;

import io.livepeerpool.platform.files.Directories;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry distribution ({@code apicurio-registry-app-<version>-all.tar.gz}): finds the archive and
 * unpacks it once into a cache shared by every JVM of the user.
 */
final class ApicurioArchive {

    static final String VERSION = "3.0.9";
    /** System property naming the archive explicitly. */
    static final String ARCHIVE_PROPERTY = "devstack.apicurio.archive";
    /** System property overriding the cache root ({@code ~/.cache/livepeer-pool} by default). */
    static final String CACHE_PROPERTY = "devstack.cache.dir";

    private static final Logger log = LoggerFactory.getLogger(ApicurioArchive.class);
    private static final String ARCHIVE_NAME = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
    private static final String RUNNER_JAR = "apicurio-registry-app-" + VERSION + "-runner.jar";

    private ApicurioArchive() {
    }

    /** The runner jar of the unpacked distribution, unpacking the archive first if this is the first use. */
    static Path runnerJar() throws IOException {
        Path home = cacheRoot().resolve("apicurio-registry-" + VERSION);
        Path runner = home.resolve(RUNNER_JAR);
        if (!Files.isRegularFile(runner)) {
            unpack(locate(), home);
        }
        return runner;
    }

    /**
     * The archive: the {@value #ARCHIVE_PROPERTY} system property if set, else the copy in the local Maven
     * repository, else the copy the devstack build puts in {@code devstack/target/apicurio}.
     */
    static Path locate() {
        String configured = System.getProperty(ARCHIVE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("-D" + ARCHIVE_PROPERTY + "=" + configured + " is not a file");
            }
            return path;
        }
        List<Path> candidates = candidates();
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new IllegalStateException("Apicurio Registry " + VERSION + " archive not found (looked at "
                        + candidates + "). Run the build once, e.g. `mvn -pl devstack -am install -DskipTests`,"
                        + " which fetches it, or point -D" + ARCHIVE_PROPERTY + " at " + ARCHIVE_NAME + "."));
    }

    static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String repo = Optional.ofNullable(System.getProperty("maven.repo.local"))
                .filter(s -> !s.isBlank())
                .orElse(Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        candidates.add(Path.of(repo, "io", "apicurio", "apicurio-registry-app", VERSION, ARCHIVE_NAME));
        // the build's copy, seen from the devstack module, the repository root or a sibling module
        for (String dir : List.of("target/apicurio", "devstack/target/apicurio", "../devstack/target/apicurio")) {
            candidates.add(Path.of(dir, ARCHIVE_NAME).toAbsolutePath().normalize());
        }
        return candidates;
    }

    static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("livepeer-pool");
    }

    /**
     * Unpacks into a private temporary directory next to {@code target}, then renames it into place, so a
     * concurrent JVM never sees a half-unpacked distribution; if another JVM won the race its copy is used.
     */
    static void unpack(Path archive, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        long started = System.nanoTime();
        log.info("Unpacking {} into {} (once)", archive, target);
        try {
            extract(archive, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw e;
            } catch (FileSystemException e) {
                if (!Files.isRegularFile(target.resolve(RUNNER_JAR))) {
                    throw e; // not a lost race: something else is in the way
                }
            }
        } finally {
            Directories.deleteRecursively(temp);
        }
        log.info("Unpacked Apicurio Registry in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void extract(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream file = Files.newInputStream(archive);
             InputStream gzip = new GZIPInputStream(new BufferedInputStream(file, 1 << 16), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // links and special entries: the distribution has none, and none are needed
            }
        }
        if (!Files.isRegularFile(into.resolve(RUNNER_JAR))) {
            throw new IOException(archive + " does not contain " + RUNNER_JAR);
        }
    }
}
