package io.livepeerpool.chain.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository's {@code chain} directory (package.json, scripts, node_modules), found from the system property
 * {@code pool.home} (repository root), else the environment variable {@code POOL_HOME}, else by walking up from the
 * working directory. Installs the pinned npm packages ({@code npm ci}: solc-js and anvil) when they are missing.
 * The {@code node} and {@code npm} executables come from the PATH unless the system properties {@code pool.node} /
 * {@code pool.npm} name them; {@code anvil} is the one npm installed for this platform
 * ({@code @foundry-rs/anvil-<os>-<arch>}, linked as {@code node_modules/.bin/anvil}) unless {@code pool.anvil} names
 * another.
 */
public final class ChainHome {
    public static final String POOL_HOME_PROPERTY = "pool.home";
    public static final String POOL_HOME_ENV = "POOL_HOME";
    /** System property naming an anvil executable to use instead of the npm package's. */
    public static final String ANVIL_PROPERTY = "pool.anvil";

    private static final Logger log = LoggerFactory.getLogger(ChainHome.class);
    private static final long NPM_CI_TIMEOUT_MINUTES = 15;

    private static final String EXIT_WITH_PARENT = "scripts/exit-with-parent.cjs";

    private final Path dir;

    private ChainHome(Path dir) {
        this.dir = dir;
    }

    /** The chain directory itself; fails unless it holds package.json and scripts/exit-with-parent.cjs. */
    public static ChainHome at(Path chainDir) {
        Path dir = chainDir.toAbsolutePath().normalize();
        if (!isChainDir(dir)) {
            throw new IllegalStateException(dir + " is not the chain module directory (no package.json and scripts/exit-with-parent.cjs)");
        }
        return new ChainHome(dir);
    }

    public static ChainHome locate() {
        String home = System.getProperty(POOL_HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(POOL_HOME_ENV);
        }
        if (home != null && !home.isBlank()) {
            return at(Path.of(home).resolve("chain"));
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isChainDir(dir.resolve("chain"))) {
                return new ChainHome(dir.resolve("chain"));
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals("chain") && isChainDir(dir)) {
                return new ChainHome(dir);
            }
        }
        throw new IllegalStateException("cannot find the chain directory (chain/package.json) above " + start
                + "; set -D" + POOL_HOME_PROPERTY + "=<repository root> or " + POOL_HOME_ENV);
    }

    private static boolean isChainDir(Path dir) {
        return Files.isRegularFile(dir.resolve("package.json")) && Files.isRegularFile(dir.resolve(EXIT_WITH_PARENT));
    }

    public Path dir() {
        return dir;
    }

    /** The anvil executable: {@code -Dpool.anvil}, else the npm package's for this platform. */
    public Path anvil() {
        String override = System.getProperty(ANVIL_PROPERTY);
        return override != null && !override.isBlank() ? Path.of(override) : dir.resolve("node_modules/.bin/anvil");
    }

    /** Runs the node and ends it (SIGTERM, so that it saves its state) when its stdin, held by this JVM, closes. */
    public Path exitWithParentScript() {
        return dir.resolve(EXIT_WITH_PARENT);
    }

    /** npm writes node_modules/.package-lock.json last, so it marks a complete install; anvil came with it. */
    public boolean isInstalled() {
        return Files.isRegularFile(dir.resolve("node_modules/.package-lock.json")) && Files.isExecutable(anvil());
    }

    /** Runs {@code npm ci} once if the packages are missing (other JVMs wait on a file lock meanwhile). */
    public void ensureInstalled() {
        if (isInstalled()) {
            return;
        }
        try {
            Path target = Files.createDirectories(dir.resolve("target"));
            try (FileChannel channel = FileChannel.open(target.resolve("npm-ci.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!isInstalled()) {
                    npmCi(target.resolve("npm-ci.log"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the chain's npm packages in " + dir, e);
        }
    }

    private void npmCi(Path logFile) throws IOException {
        String npm = System.getProperty("pool.npm", "npm");
        log.info("Installing the dev chain's npm packages (npm ci in {}, log {})", dir, logFile);
        Process process;
        try {
            process = new ProcessBuilder(List.of(npm, "ci", "--no-audit", "--no-fund"))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("'" + npm + "' is not available: install Node.js 18+ with npm (or set -Dpool.npm)"
                    + " to run the dev chain; the packages go to " + dir.resolve("node_modules"), e);
        }
        try {
            if (!process.waitFor(NPM_CI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm ci in " + dir + " did not finish in " + NPM_CI_TIMEOUT_MINUTES + " min; see " + logFile);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm ci", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + dir + " failed with exit code " + process.exitValue()
                    + "; see " + logFile + ":\n" + LogTail.of(logFile, 20));
        }
        if (!isInstalled()) {
            throw new IllegalStateException("no anvil at " + anvil() + " after npm ci: package.json has anvil for linux and"
                    + " macOS on x64 and arm64 only; install Foundry's anvil 1.7.1 and pass -D" + ANVIL_PROPERTY + "=<path>");
        }
    }
}
