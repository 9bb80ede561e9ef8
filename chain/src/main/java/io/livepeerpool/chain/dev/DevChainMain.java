package io.livepeerpool.chain.dev;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a dev chain with its contracts until the process is stopped (Ctrl-C), printing what a developer needs: the RPC
 * URL, chain id, contract addresses and the funded accounts with their (publicly known) keys. Arguments: the port
 * (default 8545; 0 picks a free one), then optionally a directory to keep the chain in across runs ({@code
 * state.json} and {@code contracts.json}, see {@link ContractsFile}) and how often to save it in seconds; without it
 * every run is a fresh chain.
 */
public final class DevChainMain {
    private DevChainMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8545;
        DevChainOptions options = DevChainOptions.defaults().withPort(port);
        Path keepIn = args.length > 1 ? Path.of(args[1]) : null;
        if (keepIn != null) {
            options = options.withWorkDir(keepIn).withStateFile(keepIn.resolve("state.json"));
            if (args.length > 2) {
                options = options.withStateInterval(java.time.Duration.ofSeconds(Long.parseLong(args[2])));
            }
        }
        DevChain chain = DevChain.start(options); // its shutdown hook stops the node
        DevNetwork net = keepIn == null ? DevNetwork.deploy(chain, DeployOptions.defaults())
                : DevNetwork.openOrDeploy(chain, keepIn.resolve("contracts.json"), DeployOptions.defaults());
        DevContracts c = net.contracts();
        System.out.println("rpcUrl=" + chain.rpcUrl());
        System.out.println("chainId=" + chain.chainId());
        System.out.println("roundsManager=" + c.roundsManager().checksummed());
        System.out.println("bondingManager=" + c.bondingManager().checksummed());
        System.out.println("ticketBroker=" + c.ticketBroker().checksummed());
        System.out.println("poolPayouts=" + c.poolPayouts().checksummed());
        System.out.println("roundLength=" + c.options().roundLength() + " currentRound=" + net.roundsManager().currentRound());
        for (DevAccount a : chain.accounts().all().subList(0, DevAccounts.ROLES)) {
            System.out.println("account." + a.role() + "=" + a.address().checksummed() + " key=" + a.privateKey());
        }
        System.out.println("log=" + chain.logFile());
        System.out.println("wrapperPid=" + chain.pid());
        System.out.println("nodePid=" + chain.anvilPid().orElse(-1));
        System.out.println("blockNumber=" + net.reader().blockNumber());
        System.out.println("startupMillis=" + chain.startupTime().toMillis());
        System.out.println("ready (keys are the public dev keys of anvil and Hardhat; Ctrl-C stops the chain)");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
