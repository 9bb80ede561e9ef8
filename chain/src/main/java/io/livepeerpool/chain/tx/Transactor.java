package io.livepeerpool.chain.tx;

import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;

/**
 * Sends transactions signed locally by one account (web3j {@link RawTransactionManager}, legacy transactions at the
 * node's gas price, explicit gas limits) and waits for the receipt. A reverted transaction is returned, not thrown:
 * {@link TxResult#success()} is false and {@link TxResult#revertReason()} says why. Nonces are taken from the node's
 * pending count under this object's lock, so one Transactor per account and JVM.
 */
public final class Transactor {
    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final long RECEIPT_POLL_MILLIS = 25;

    private final Web3j web3j;
    private final Credentials credentials;
    private final RawTransactionManager manager;
    private final ChainReader reader;
    private final Address address;

    public Transactor(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.manager = new RawTransactionManager(web3j, credentials, chainId);
        this.reader = new ChainReader(web3j);
        this.address = Address.parse(credentials.getAddress());
    }

    public Address address() {
        return address;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Calls {@code to} with {@code data}, sending {@code value} wei, and waits for the receipt. */
    public synchronized TxResult send(Address to, String data, BigInteger value, BigInteger gasLimit) {
        RawTransaction tx = RawTransaction.createTransaction(nonce(), gasPrice(), gasLimit, to.hex(), value, data);
        TxResult result = mined(signAndSend(tx, "call to " + to));
        if (!result.success()) {
            return withReplayedReason(result, to, data, value);
        }
        return result;
    }

    /** Deploys creation code (bytecode ++ constructor arguments); returns the new contract's address. */
    public synchronized Address deploy(String creationCode, BigInteger gasLimit, String what) {
        RawTransaction tx = RawTransaction.createContractTransaction(nonce(), gasPrice(), gasLimit, BigInteger.ZERO, creationCode);
        TxResult result = mined(signAndSend(tx, "deployment of " + what));
        result.requireSuccess("deployment of " + what);
        return result.contractAddress()
                .orElseThrow(() -> new ChainCallException("no contract address for " + what, Optional.empty()));
    }

    /** Sends plain ETH. */
    public TxResult transfer(Address to, BigInteger wei) {
        return send(to, "0x", wei, BigInteger.valueOf(21_000));
    }

    private String signAndSend(RawTransaction tx, String what) {
        EthSendTransaction sent;
        try {
            sent = manager.signAndSend(tx);
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + what + " failed", e);
        }
        if (sent.hasError()) {
            throw new ChainCallException("node rejected " + what + ": " + sent.getError().getMessage(),
                    RevertReason.fromRpcError(sent.getError()));
        }
        return sent.getTransactionHash();
    }

    private TxResult mined(String txHash) {
        long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
        try {
            while (true) {
                EthGetTransactionReceipt response = web3j.ethGetTransactionReceipt(txHash).send();
                Optional<TransactionReceipt> receipt = response.getTransactionReceipt();
                if (receipt.isPresent()) {
                    return TxResult.of(receipt.get(), Optional.empty());
                }
                if (System.nanoTime() > deadline) {
                    throw new ChainCallException("no receipt for " + txHash + " after " + RECEIPT_TIMEOUT, Optional.empty());
                }
                Thread.sleep(RECEIPT_POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getTransactionReceipt " + txHash + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainCallException("interrupted waiting for " + txHash, e);
        }
    }

    /** Replays the failed call on the state before its block to learn the revert reason. */
    private TxResult withReplayedReason(TxResult failed, Address to, String data, BigInteger value) {
        Optional<String> reason = reader.revertReasonOfMined(address, to, data, value, failed.blockNumber());
        return new TxResult(failed.txHash(), failed.blockNumber(), false, failed.gasUsed(), failed.effectiveGasPrice(),
                failed.contractAddress(), failed.logs(), reason);
    }

    private BigInteger nonce() {
        try {
            return web3j.ethGetTransactionCount(address.hex(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getTransactionCount failed", e);
        }
    }

    private BigInteger gasPrice() {
        try {
            return web3j.ethGasPrice().send().getGasPrice();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_gasPrice failed", e);
        }
    }
}
