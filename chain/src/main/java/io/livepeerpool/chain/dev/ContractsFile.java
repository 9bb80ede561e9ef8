package io.livepeerpool.chain.dev;

import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;

/**
 * The dev contracts of a chain that is kept across restarts ({@link DevChainOptions#stateFile()}), recorded in a JSON
 * file next to the chain's state: each contract's address and the hash of its code, the deployment block and the
 * options it was made with. On a start from a saved state the contracts are not deployed again: the file says where
 * they are, and the code found there must be the code recorded, or the start fails naming both files (a state file
 * and a contracts file from different chains, or one of them lost or replaced).
 */
public final class ContractsFile {
    private static final Logger log = LoggerFactory.getLogger(ContractsFile.class);

    private final Path file;

    public ContractsFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path path() {
        return file;
    }

    /** What the file records: one entry per contract, by artifact name. */
    record Recorded(long chainId, BigInteger deployBlock, DeployOptions options, Map<String, Contract> contracts) {
    }

    record Contract(String address, String codeHash) {
    }

    /**
     * The contracts recorded here, checked against {@code chain}, when the chain was restored from its state; else a
     * fresh deployment with {@code options}, then recorded. Fails when only one of the state and this file exists, or
     * when they disagree.
     */
    public DevContracts openOrDeploy(DevChain chain, DeployOptions options) {
        boolean recorded = Files.isRegularFile(file);
        if (chain.restoredFromState() && recorded) {
            return open(chain);
        }
        if (!chain.restoredFromState() && !recorded) {
            DevContracts contracts = new ContractDeployer(chain).deploy(chain.accounts(), options);
            write(chain, contracts);
            log.info("Dev contracts deployed at block {} and recorded in {}", contracts.deployBlock(), file);
            return contracts;
        }
        String state = chain.stateFile().map(Path::toString).orElse("(no state file: the chain is in memory only)");
        if (recorded) {
            throw new IllegalStateException("the dev contracts recorded in " + file + " belong to a chain whose state "
                    + state + " is missing (deleted, or its node was killed with -9 before it first saved it): delete "
                    + file.getParent() + " to start a fresh chain, and with it the pool data that refers to the old one");
        }
        throw new IllegalStateException("the dev chain state " + state + " has no record of its contracts (" + file
                + " is missing): delete " + state + " to start a fresh chain and deploy them again");
    }

    private DevContracts open(DevChain chain) {
        Recorded recorded = read();
        String disagree = "the dev chain state " + chain.stateFile().orElseThrow() + " and " + file + " disagree: ";
        if (recorded.chainId() != chain.chainId()) {
            throw new IllegalStateException(disagree + "chain id " + chain.chainId() + " but recorded " + recorded.chainId());
        }
        Map<String, Address> addresses = new LinkedHashMap<>();
        recorded.contracts().forEach((name, contract) -> {
            String code = code(chain, contract.address());
            if (code.equals("0x") || code.isEmpty()) {
                throw new IllegalStateException(disagree + "no code at " + contract.address() + " (" + name + ")");
            }
            if (!Hash.sha3(code).equalsIgnoreCase(contract.codeHash())) {
                throw new IllegalStateException(disagree + "the code at " + contract.address() + " (" + name
                        + ") is not the code recorded");
            }
            addresses.put(name, Address.parse(contract.address()));
        });
        DevContracts contracts = contracts(addresses, recorded.deployBlock(), recorded.options());
        log.info("Dev contracts restored from {} (deployed at block {}), code checked at {}", file,
                recorded.deployBlock(), addresses.values());
        return contracts;
    }

    /** The names under which each contract of a deployment is recorded. */
    private static Map<String, Address> addresses(DevContracts c) {
        Map<String, Address> named = new LinkedHashMap<>();
        named.put(ContractArtifact.ROUNDS_MANAGER, c.roundsManager());
        named.put(ContractArtifact.BONDING_MANAGER, c.bondingManager());
        named.put(ContractArtifact.TICKET_BROKER, c.ticketBroker());
        named.put(ContractArtifact.POOL_PAYOUTS, c.poolPayouts());
        return named;
    }

    private DevContracts contracts(Map<String, Address> named, BigInteger deployBlock, DeployOptions options) {
        return new DevContracts(required(named, ContractArtifact.ROUNDS_MANAGER),
                required(named, ContractArtifact.BONDING_MANAGER), required(named, ContractArtifact.TICKET_BROKER),
                deployBlock, options, required(named, ContractArtifact.POOL_PAYOUTS));
    }

    private Address required(Map<String, Address> named, String name) {
        Address address = named.get(name);
        if (address == null) {
            throw new IllegalStateException(file + " records no " + name + " (written before the dev contracts included"
                    + " it): delete " + file.getParent() + " to start a fresh chain with every contract");
        }
        return address;
    }

    private void write(DevChain chain, DevContracts contracts) {
        Map<String, Contract> recorded = new LinkedHashMap<>();
        addresses(contracts).forEach((name, address) ->
                recorded.put(name, new Contract(address.hex(), Hash.sha3(code(chain, address.hex())))));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(),
                    new Recorded(chain.chainId(), contracts.deployBlock(), contracts.options(), recorded));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    Recorded read() {
        try {
            return Json.mapper().readValue(file.toFile(), Recorded.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dev contracts from " + file + ": " + e.getMessage()
                    + " (delete " + file.getParent() + " to start a fresh chain)", e);
        }
    }

    private static String code(DevChain chain, String address) {
        try {
            return chain.anvil().code(address);
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getCode " + address + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading contract code", e);
        }
    }
}
