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
 * The repository's {@code chain} directory (package.json, hardhat.config.js, scripts, node_modules), found from the
 * system property {@code pool.home} (repository root), else the environment variable {@code POOL_HOME}, else by
 * walking up from the working directory. Installs the pinned npm packages ({@code npm ci}) when they are missing.
 * The {@code node} and {@code npm} executables come from the PATH unless the system properties {@code pool.node} /
 * {@code pool.npm} name them.
 */
public final class ChainHome {
    public static final String POOL_HOME_PROPERTY = "pool.home";
    public static final String POOL_HOME_ENV = "POOL_HOME";

    private static final Logger log = LoggerFactory.getLogger(ChainHome.class);
    private static final long NPM_CI_TIMEOUT_MINUTES = 15;

    private final Path dir;

    private ChainHome(Path dir) {
        this.dir = dir;
    }

    /** The chain directory itself; fails unless it holds package.json and hardhat.config.js. */
    public static ChainHome at(Path chainDir) {
        Path dir = chainDir.toAbsolutePath().normalize();
        if (!isChainDir(dir)) {
            throw new IllegalStateException(dir + " is not the chain module directory (no package.json and hardhat.config.js)");
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
        return Files.isRegularFile(dir.resolve("package.json")) && Files.isRegularFile(dir.resolve("hardhat.config.js"));
    }

    public Path dir() {
        return dir;
    }

    public Path hardhatConfig() {
        return dir.resolve("hardhat.config.js");
    }

    public Path hardhatCli() {
        return dir.resolve("node_modules/hardhat/internal/cli/cli.js");
    }

    /** Preload that ends the node when its stdin (held by this JVM) closes. */
    public Path exitWithParentScript() {
        return dir.resolve("scripts/exit-with-parent.cjs");
    }

    /** npm writes node_modules/.package-lock.json last, so it marks a complete install. */
    public boolean isInstalled() {
        return Files.isRegularFile(dir.resolve("node_modules/.package-lock.json")) && Files.isRegularFile(hardhatCli());
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
        if (process.exitValue() != 0 || !isInstalled()) {
            throw new IllegalStateException("npm ci in " + dir + " failed with exit code " + process.exitValue()
                    + "; see " + logFile + ":\n" + LogTail.of(logFile, 20));
        }
    }
}
