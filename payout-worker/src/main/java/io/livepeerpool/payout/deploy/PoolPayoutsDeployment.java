package io.livepeerpool.payout.deploy;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Deploys PoolPayouts (this build's compiled artifact) to any chain: signs the creation transaction locally with the
 * deployer's key, for the chain id the node reports (checked against the expected one, so a mainnet key never signs
 * for the wrong network by a typo in the URL), waits for the receipt, then reads the contract back: code present and
 * {@code payer()} the payer asked for.
 */
public final class PoolPayoutsDeployment {
    private static final int GAS_MARGIN_PCT = 20;
    private static final long RECEIPT_POLL_MS = 500;

    private final Web3j web3j;
    private final ChainReader reader;
    private final Duration receiptTimeout;

    public PoolPayoutsDeployment(Web3j web3j, Duration receiptTimeout) {
        this.web3j = web3j;
        this.reader = new ChainReader(web3j);
        this.receiptTimeout = receiptTimeout;
    }

    /** What was deployed, and what a block explorer's verification form asks for. */
    public record Deployed(Address contract, String txHash, BigInteger blockNumber, long chainId, Address deployer,
                           Address payer, BigInteger gasUsed, String constructorArguments) {
    }

    /** The ABI-encoded constructor arguments (hex, no 0x), as Arbiscan's verification asks for them. */
    public static String constructorArguments(Address payer) {
        return FunctionEncoder.encodeConstructor(java.util.List.of(new org.web3j.abi.datatypes.Address(payer.hex())));
    }

    public Deployed deploy(Credentials deployer, Address payer, Optional<Long> expectedChainId) {
        long chainId = chainId();
        if (expectedChainId.isPresent() && expectedChainId.get() != chainId) {
            throw new IllegalArgumentException("the node's chain id is " + chainId + ", not " + expectedChainId.get()
                    + ": refusing to sign");
        }
        Address from = Address.parse(deployer.getAddress());
        String creation = Abi.deployData(ContractArtifact.load(ContractArtifact.POOL_PAYOUTS).bytecode(),
                new org.web3j.abi.datatypes.Address(payer.hex()));
        BigInteger gas = estimateCreation(from, creation)
                .multiply(BigInteger.valueOf(100 + GAS_MARGIN_PCT)).divide(BigInteger.valueOf(100));
        try {
            BigInteger nonce = web3j.ethGetTransactionCount(from.hex(), DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount();
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            RawTransaction tx = RawTransaction.createContractTransaction(nonce, gasPrice, gas, BigInteger.ZERO, creation);
            String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, deployer));
            String txHash = Hash.sha3(raw);
            EthSendTransaction sent = web3j.ethSendRawTransaction(raw).send();
            if (sent.hasError()) {
                throw new IllegalStateException("the node refused the deployment: " + sent.getError().getMessage());
            }
            TxResult mined = TxResult.fromReceipt(awaitReceipt(txHash));
            if (!mined.success()) {
                throw new IllegalStateException("the deployment reverted in tx " + txHash);
            }
            Address contract = mined.contractAddress()
                    .orElseThrow(() -> new IllegalStateException("no contract address in the receipt of " + txHash));
            check(contract, payer);
            return new Deployed(contract, txHash, mined.blockNumber(), chainId, from, payer, mined.gasUsed(),
                    constructorArguments(payer));
        } catch (IOException e) {
            throw new UncheckedIOException("JSON-RPC call failed", e);
        }
    }

    private long chainId() {
        try {
            return web3j.ethChainId().send().getChainId().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_chainId failed", e);
        }
    }

    private BigInteger estimateCreation(Address from, String creation) {
        try {
            var estimate = web3j.ethEstimateGas(org.web3j.protocol.core.methods.request.Transaction
                    .createContractTransaction(from.hex(), null, null, creation)).send();
            if (estimate.hasError()) {
                throw new IllegalStateException("eth_estimateGas of the deployment: " + estimate.getError().getMessage());
            }
            return estimate.getAmountUsed();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_estimateGas failed", e);
        }
    }

    private TransactionReceipt awaitReceipt(String txHash) throws IOException {
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        while (true) {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no receipt for " + txHash + " within " + receiptTimeout
                        + " (it may still be mined: look it up before deploying again)");
            }
            try {
                Thread.sleep(RECEIPT_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + txHash, e);
            }
        }
    }

    private void check(Address contract, Address payer) throws IOException {
        String code = web3j.ethGetCode(contract.hex(), DefaultBlockParameterName.LATEST).send().getCode();
        if (code == null || code.equals("0x")) {
            throw new IllegalStateException("no code at " + contract + " after the deployment");
        }
        Address actual = new PoolPayoutsClient(reader, contract).payer();
        if (!actual.equals(payer)) {
            throw new IllegalStateException("payer() of " + contract + " is " + actual + ", expected " + payer);
        }
    }
}
