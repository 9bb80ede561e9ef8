package io.livepeerpool.chain.dev;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a {@link DevChain}.
 *
 * @param chainHome    the module's {@code chain} directory; null: located by {@link ChainHome#locate()}
 * @param port         JSON-RPC port on 127.0.0.1; 0 picks a free one
 * @param workDir      where the node's log and pid file go; null: {@code <chain>/target/devchain/<port>}. A node
 *                     left running there by a JVM killed outright is stopped first.
 * @param chainId      chain id (Hardhat's default 31337)
 * @param mnemonic     HD mnemonic of the funded accounts
 * @param accountCount funded accounts (at least 5: the roles of {@link DevAccounts})
 * @param startTimeout how long to wait for eth_chainId to answer
 */
public record DevChainOptions(Path chainHome, int port, Path workDir, long chainId, String mnemonic, int accountCount,
                              Duration startTimeout) {

    public static final long DEFAULT_CHAIN_ID = 31337;

    public DevChainOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (accountCount < DevAccounts.ROLES) {
            throw new IllegalArgumentException("accountCount must be at least " + DevAccounts.ROLES);
        }
    }

    public static DevChainOptions defaults() {
        return new DevChainOptions(null, 0, null, DEFAULT_CHAIN_ID, DevAccounts.HARDHAT_MNEMONIC, 20, Duration.ofSeconds(60));
    }

    public DevChainOptions withChainHome(Path dir) {
        return new DevChainOptions(dir, port, workDir, chainId, mnemonic, accountCount, startTimeout);
    }

    public DevChainOptions withPort(int newPort) {
        return new DevChainOptions(chainHome, newPort, workDir, chainId, mnemonic, accountCount, startTimeout);
    }

    public DevChainOptions withWorkDir(Path dir) {
        return new DevChainOptions(chainHome, port, dir, chainId, mnemonic, accountCount, startTimeout);
    }

    public DevChainOptions withChainId(long id) {
        return new DevChainOptions(chainHome, port, workDir, id, mnemonic, accountCount, startTimeout);
    }
}
