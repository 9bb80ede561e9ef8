package io.livepeerpool.chain.dev;

import io.livepeerpool.platform.process.ChildProcesses;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.platform.net.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * An anvil node (Foundry's, from the chain module's node_modules) as a child process: JSON-RPC on 127.0.0.1, fixed
 * chain id, funded accounts from a mnemonic ({@link DevAccounts}), automine (one block per transaction), failed
 * transactions mined with status 0. Output goes to {@code <workDir>/anvil.log}, not the console.
 *
 * <p>With a {@linkplain DevChainOptions#stateFile() state file} the chain survives restarts: anvil loads the file at
 * start, writes it every {@linkplain DevChainOptions#stateInterval() interval} and when it stops on SIGTERM. Blocks,
 * receipts and logs, balances, nonces and contract storage are kept; eth_call at a block before the restart is not
 * (anvil keeps only the latest state), which nothing here needs. While it runs, anvil answers eth_call for the last
 * {@value #KEPT_STATES} blocks only (see {@link #KEPT_STATES}).
 *
 * <p>No process is left behind: anvil runs under {@code scripts/exit-with-parent.cjs}, which sends it SIGTERM when its
 * stdin, held by this JVM, closes (which covers a JVM killed with -9, and still saves the state), and waits for it.
 * {@link #close()} stops both (SIGTERM, then SIGKILL after a grace long enough for the state to be written), and a JVM
 * shutdown hook does the same.
 */
public final class DevChain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevChain.class);
    /** anvil writes its state file when it stops: a large chain takes seconds. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String COMMAND_MARKER = "exit-with-parent.cjs";
    private static final String DEV_BALANCE_ETHER = "10000";
    /**
     * Block states anvil keeps for eth_call at past blocks ({@code --prune-history N}, in memory only). Without a bound
     * anvil writes older states to ~/.foundry/anvil/tmp, gigabytes per test run that it never deletes, and slows down
     * with each block; and each kept state holds the chain's block hashes, so memory is about N x 130 bytes per block
     * of the chain (256 states: ~33 MB per 1,000 blocks, i.e. per round advanced). Enough for the revert reason of a
     * mined transaction (the block before it) and for readers a few hundred blocks behind; older blocks answer
     * BlockOutOfRange (the chain watcher then reads the latest pool size, as on a non-archive node).
     */
    static final int KEPT_STATES = 256;
    /** The EVM the contracts are compiled for (scripts/compile.mjs). */
    private static final String HARDFORK = "cancun";
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final DevChainOptions options;
    private final int port;
    private final Path logFile;
    private final Path pidFile;
    private final DevAccounts accounts;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Duration startupTime = Duration.ZERO;
    private boolean restoredFromState;
    private Web3j web3j;

    private DevChain(Process process, DevChainOptions options, int port, Path logFile, Path pidFile) {
        this.process = process;
        this.options = options;
        this.port = port;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.accounts = DevAccounts.fromMnemonic(options.mnemonic(), options.accountCount());
        this.shutdownHook = new Thread(() -> ChildProcesses.stop(process.toHandle(), STOP_GRACE), "devchain-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static DevChain start() {
        return start(DevChainOptions.defaults());
    }

    /** Starts the node and waits until eth_chainId answers with the configured chain id. */
    public static DevChain start(DevChainOptions options) {
        ChainHome home = options.chainHome() != null ? ChainHome.at(options.chainHome()) : ChainHome.locate();
        home.ensureInstalled();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = options.port() != 0 ? options.port() : FreePort.pick();
            try {
                return startOnce(home, options, port);
            } catch (PortTakenException e) {
                last = e;
                if (options.port() != 0) {
                    break;
                }
                log.debug("port {} was taken meanwhile, retrying", port);
            }
        }
        throw last;
    }

    private static DevChain startOnce(ChainHome home, DevChainOptions options, int port) {
        long started = System.nanoTime();
        Path workDir = options.workDir() != null ? options.workDir()
                : home.dir().resolve("target").resolve("devchain").resolve(Integer.toString(port));
        Path logFile = workDir.resolve("anvil.log");
        Path pidFile = workDir.resolve("anvil.pid");
        DevChain chain;
        try {
            Files.createDirectories(workDir);
            ChildProcesses.stopIfAlive(pidFile, info -> ChildProcesses.commandLine(info).contains(COMMAND_MARKER), STOP_GRACE);
            if (options.stateFile() != null) {
                Files.createDirectories(options.stateFile().toAbsolutePath().getParent());
            }
            boolean restoring = options.stateFile() != null && Files.isRegularFile(options.stateFile())
                    && Files.size(options.stateFile()) > 0;
            ProcessBuilder builder = new ProcessBuilder(command(home, options, port))
                    .directory(home.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("NO_COLOR", "1");
            builder.environment().put("FORCE_COLOR", "0");
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run '" + node() + "': install Node.js 18+ (or set -Dpool.node)", e);
            }
            chain = new DevChain(process, options, port, logFile, pidFile);
            chain.restoredFromState = restoring;
            Files.writeString(pidFile, process.pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
        try {
            chain.awaitReady();
            chain.startupTime = Duration.ofNanos(System.nanoTime() - started);
            log.info("Dev chain (anvil, chain id {}) at {} in {} ms; {}; log {}", options.chainId(), chain.rpcUrl(),
                    chain.startupTime.toMillis(), options.stateFile() == null ? "in memory only"
                            : "state in " + options.stateFile() + ", saved every " + options.stateInterval().toSeconds() + " s and on stop",
                    logFile);
            return chain;
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    private static List<String> command(ChainHome home, DevChainOptions options, int port) {
        List<String> command = new ArrayList<>();
        command.add(node());
        command.add(home.exitWithParentScript().toString());
        command.add(home.anvil().toString());
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                "--chain-id", Long.toString(options.chainId()),
                "--mnemonic", options.mnemonic(),
                "--accounts", Integer.toString(options.accountCount()),
                "--balance", DEV_BALANCE_ETHER,
                "--hardfork", HARDFORK,
                "--prune-history", Integer.toString(KEPT_STATES)));
        if (options.stateFile() != null) {
            command.addAll(List.of("--state", options.stateFile().toAbsolutePath().toString(),
                    "--state-interval", Long.toString(options.stateInterval().toSeconds())));
        }
        return command;
    }

    private static String node() {
        return System.getProperty("pool.node", "node");
    }

    private void awaitReady() {
        AnvilRpc rpc = new AnvilRpc(rpcUrl());
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (true) {
            if (!process.isAlive()) {
                String tail = LogTail.of(logFile, 30);
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException(port);
                }
                throw new IllegalStateException("the anvil node exited with code " + process.exitValue()
                        + "; last lines of " + logFile + ":\n" + tail);
            }
            try {
                long chainId = rpc.chainId();
                if (chainId != options.chainId()) {
                    throw new IllegalStateException("node at " + rpcUrl() + " has chain id " + chainId
                            + ", expected " + options.chainId() + " (another node on that port?)");
                }
                return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the dev chain", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(new TimeoutException("the anvil node did not answer within "
                        + options.startTimeout() + "; last lines of " + logFile + ":\n" + LogTail.of(logFile, 30)));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the dev chain", e);
            }
        }
    }

    /** e.g. {@code http://127.0.0.1:40123} */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long chainId() {
        return options.chainId();
    }

    public DevAccounts accounts() {
        return accounts;
    }

    public Path logFile() {
        return logFile;
    }

    /** The process this JVM started: the exit-with-parent script that runs anvil. */
    public long pid() {
        return process.pid();
    }

    /** The anvil process itself (the child of {@link #pid()}), if it is running. */
    public OptionalLong anvilPid() {
        return process.toHandle().children().mapToLong(ProcessHandle::pid).findFirst();
    }

    /** True when this start loaded a saved state: the chain goes on where it was stopped. */
    public boolean restoredFromState() {
        return restoredFromState;
    }

    /** Where the chain is kept across restarts; empty when it lives in memory only. */
    public Optional<Path> stateFile() {
        return Optional.ofNullable(options.stateFile());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** From spawning the node to its first eth_chainId answer (loading the state file included). */
    public Duration startupTime() {
        return startupTime;
    }

    /** A web3j client for this node, shared and shut down by {@link #close()}. */
    public synchronized Web3j web3j() {
        if (web3j == null) {
            web3j = Web3j.build(new HttpService(rpcUrl()));
        }
        return web3j;
    }

    public ChainReader reader() {
        return new ChainReader(web3j());
    }

    /** anvil-specific RPC (mining, snapshots, automine). */
    public AnvilRpc anvil() {
        return new AnvilRpc(rpcUrl());
    }

    /** Signs and sends transactions as {@code account}. */
    public Transactor transactor(DevAccount account) {
        return new Transactor(web3j(), account.credentials(), chainId());
    }

    /** Stops the node (SIGTERM, which writes the state file, then SIGKILL) and waits until it is gone. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (web3j != null) {
                web3j.shutdown();
            }
        }
        try {
            process.getOutputStream().close(); // exit-with-parent stops anvil on EOF
        } catch (IOException ignored) {
            // only the stdin pipe
        }
        ChildProcesses.stop(process.toHandle(), STOP_GRACE);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.debug("could not delete {}", pidFile, e);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(int port) {
            super("port " + port + " is already in use");
        }
    }
}
