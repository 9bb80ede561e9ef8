package io.livepeerpool.launcher.dev;

import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.dev.AnvilRpc;
import io.livepeerpool.chain.dev.RoundAdvancer;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.launcher.UserInputException;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pool dev advance-round}: mines the running dev chain to the next round and initializes it (NewRound). */
@Command(name = "advance-round", mixinStandardHelpOptions = true,
        description = "Mine the running dev chain to the next round and initialize it (emits NewRound; the ledger settles).")
final class AdvanceRoundCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".pool-dev",
            description = "Data dir of the running `pool dev` (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path file = dataDir.resolve(DevCredentials.FILE_NAME);
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": not found; is `./pool dev` running with --data-dir " + dataDir + "?");
        }
        DevCredentials dev = DevCredentials.read(file);
        Web3j web3j = Web3j.build(new HttpService(dev.chainRpcUrl()));
        try {
            ChainReader reader = new ChainReader(web3j);
            RoundsManagerClient rounds = new RoundsManagerClient(reader, Address.parse(dev.contracts().get("roundsManager")));
            Transactor deployer = new Transactor(web3j, Credentials.create(dev.accounts().get("deployer").privateKey()), dev.chainId());
            BigInteger round;
            try {
                round = new RoundAdvancer(new AnvilRpc(dev.chainRpcUrl()), reader, rounds, deployer).advance();
            } catch (RuntimeException e) {
                throw new UserInputException("cannot reach the dev chain at " + dev.chainRpcUrl()
                        + " (is `./pool dev` still running?): " + e.getMessage());
            }
            System.out.println("round " + round + " initialized on " + dev.chainRpcUrl());
            return 0;
        } finally {
            web3j.shutdown();
        }
    }
}
