package io.livepeerpool.chain.dev;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a {@link DevChain}.
 *
 * @param chainHome     the module's {@code chain} directory; null: located by {@link ChainHome#locate()}
 * @param port          JSON-RPC port on 127.0.0.1; 0 picks a free one
 * @param workDir       where the node's log and pid file go; null: {@code <chain>/target/devchain/<port>}. A node
 *                      left running there by a JVM killed outright is stopped first.
 * @param chainId       chain id (31337, the default of anvil and Hardhat)
 * @param mnemonic      HD mnemonic of the funded accounts
 * @param accountCount  funded accounts (at least 5: the roles of {@link DevAccounts})
 * @param startTimeout  how long to wait for eth_chainId to answer
 * @param stateFile     null: the chain lives in memory only (a fresh chain per start, as tests want). Otherwise
 *                      anvil's {@code --state} file: loaded at start when it exists, written on a clean stop (and
 *                      when the JVM dies, see {@link DevChain}) and every {@code stateInterval}
 * @param stateInterval how often the state file is also written while the chain runs (whole seconds, at least 1):
 *                      what a kill -9 of the node itself can lose
 */
public record DevChainOptions(Path chainHome, int port, Path workDir, long chainId, String mnemonic, int accountCount,
                              Duration startTimeout, Path stateFile, Duration stateInterval) {

    public static final long DEFAULT_CHAIN_ID = 31337;
    public static final Duration DEFAULT_STATE_INTERVAL = Duration.ofSeconds(2);

    public DevChainOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (accountCount < DevAccounts.ROLES) {
            throw new IllegalArgumentException("accountCount must be at least " + DevAccounts.ROLES);
        }
        if (stateInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("stateInterval must be at least 1 s");
        }
    }

    public static DevChainOptions defaults() {
        return new DevChainOptions(null, 0, null, DEFAULT_CHAIN_ID, DevAccounts.DEV_MNEMONIC, 20, Duration.ofSeconds(60),
                null, DEFAULT_STATE_INTERVAL);
    }

    public DevChainOptions withChainHome(Path dir) {
        return new DevChainOptions(dir, port, workDir, chainId, mnemonic, accountCount, startTimeout, stateFile, stateInterval);
    }

    public DevChainOptions withPort(int newPort) {
        return new DevChainOptions(chainHome, newPort, workDir, chainId, mnemonic, accountCount, startTimeout, stateFile, stateInterval);
    }

    public DevChainOptions withWorkDir(Path dir) {
        return new DevChainOptions(chainHome, port, dir, chainId, mnemonic, accountCount, startTimeout, stateFile, stateInterval);
    }

    public DevChainOptions withChainId(long id) {
        return new DevChainOptions(chainHome, port, workDir, id, mnemonic, accountCount, startTimeout, stateFile, stateInterval);
    }

    /** Keeps the chain in {@code file} across restarts (see {@link #stateFile()}). */
    public DevChainOptions withStateFile(Path file) {
        return new DevChainOptions(chainHome, port, workDir, chainId, mnemonic, accountCount, startTimeout, file, stateInterval);
    }

    public DevChainOptions withStateInterval(Duration interval) {
        return new DevChainOptions(chainHome, port, workDir, chainId, mnemonic, accountCount, startTimeout, stateFile, interval);
    }
}
