package io.livepeerpool.chain.dev;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a dev chain with freshly deployed contracts until the process is stopped (Ctrl-C), printing what a developer
 * needs: the RPC URL, chain id, contract addresses and the funded accounts with their (publicly known) keys.
 * Argument: the port (default 8545; 0 picks a free one).
 */
public final class DevChainMain {
    private DevChainMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8545;
        DevChain chain = DevChain.start(DevChainOptions.defaults().withPort(port)); // its shutdown hook stops the node
        DevNetwork net = DevNetwork.deploy(chain, DeployOptions.defaults());
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
        System.out.println("nodePid=" + chain.pid());
        System.out.println("startupMillis=" + chain.startupTime().toMillis());
        System.out.println("ready (keys are Hardhat's public dev keys; Ctrl-C stops the chain)");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
