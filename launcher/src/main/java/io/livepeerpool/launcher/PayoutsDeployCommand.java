package io.livepeerpool.launcher;

import io.livepeerpool.payout.deploy.PoolPayoutsDeployment;
import io.livepeerpool.payout.keystore.Keystores;
import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool payouts deploy}: deploys this build's PoolPayouts to the chain behind an RPC URL (Arbitrum One, or any
 * other), signed with a keystore, and prints the address, the transaction and what Arbiscan's verification asks for.
 * The RPC URL is read from a file, since provider URLs embed API keys; it is never printed.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy PoolPayouts (the payer alone may pay) and print its address and transaction.",
            "Then set chain.poolPayouts to the address for pool payouts."})
final class PayoutsDeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rpc-url-file", required = true, paramLabel = "FILE",
            description = "File holding the JSON-RPC URL (e.g. an Arbitrum One endpoint).")
    Path rpcUrlFile;

    @Option(names = "--keystore", required = true, paramLabel = "FILE",
            description = "The deployer's web3 keystore (JSON). It pays the deployment gas; it need not be the payer.")
    Path keystore;

    @Option(names = "--password-file", required = true, paramLabel = "FILE", description = "File holding the keystore's password.")
    Path passwordFile;

    @Option(names = "--payer", required = true, paramLabel = "0xADDRESS",
            description = "The payout wallet: the only account allowed to pay (and to hand that right on with setPayer).")
    String payer;

    @Option(names = "--chain-id", paramLabel = "N",
            description = "Refuse to sign unless the node's chain id is this (42161 Arbitrum One, 421614 Arbitrum Sepolia).")
    Long chainId;

    @Option(names = "--receipt-timeout-seconds", defaultValue = "300", paramLabel = "S",
            description = "How long to wait for the receipt (default: ${DEFAULT-VALUE}).")
    long receiptTimeoutSeconds;

    @Override
    public Integer call() {
        Address payerAddress;
        try {
            payerAddress = Address.parse(payer.trim());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--payer: " + e.getMessage());
        }
        String rpcUrl;
        try {
            rpcUrl = Files.readString(rpcUrlFile).strip();
        } catch (IOException e) {
            throw new UserInputException("--rpc-url-file: cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!rpcUrl.startsWith("http://") && !rpcUrl.startsWith("https://")) {
            throw new UserInputException("--rpc-url-file: must hold an http(s) URL");
        }
        Credentials deployer = Keystores.open(keystore, passwordFile, "--keystore", "--password-file");
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            PoolPayoutsDeployment.Deployed d;
            try {
                d = new PoolPayoutsDeployment(web3j, Duration.ofSeconds(receiptTimeoutSeconds))
                        .deploy(deployer, payerAddress, Optional.ofNullable(chainId));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("PoolPayouts deployed");
            out.println("  address   " + d.contract().checksummed());
            out.println("  tx        " + d.txHash());
            out.println("  block     " + d.blockNumber());
            out.println("  chain id  " + d.chainId());
            out.println("  deployer  " + d.deployer().checksummed());
            out.println("  payer     " + d.payer().checksummed());
            out.println("  gas used  " + d.gasUsed());
            out.println("  constructor arguments (ABI-encoded, for the explorer's verification):");
            out.println("  " + d.constructorArguments());
            out.println("Next: chain.poolPayouts=" + d.contract().hex() + " in the payout worker's configuration.");
            out.flush();
            return 0;
        } finally {
            web3j.shutdown();
        }
    }
}
