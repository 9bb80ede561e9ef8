package io.livepeerpool.chain.tx;

import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;

/** Read-only contract calls (eth_call) that throw {@link ChainCallException} with the revert reason on failure. */
public final class ChainReader {
    private final Web3j web3j;

    public ChainReader(Web3j web3j) {
        this.web3j = web3j;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** eth_call on the latest block; returns the raw return data (hex). */
    public String call(Address to, String data) {
        return call(null, to, data, BigInteger.ZERO, DefaultBlockParameterName.LATEST);
    }

    /** eth_call at the end of {@code block}; returns the raw return data (hex). */
    public String callAt(Address to, String data, BigInteger block) {
        return call(null, to, data, BigInteger.ZERO, DefaultBlockParameter.valueOf(block));
    }

    /** eth_call from {@code from} (may be null) with {@code value} wei at {@code block}. */
    public String call(Address from, Address to, String data, BigInteger value, DefaultBlockParameter block) {
        Transaction tx = Transaction.createFunctionCallTransaction(
                from == null ? null : from.hex(), null, null, null, to.hex(), value, data);
        EthCall response;
        try {
            response = web3j.ethCall(tx, block).send();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_call to " + to + " failed", e);
        }
        if (response.hasError()) {
            throw new ChainCallException("eth_call to " + to + " reverted", RevertReason.fromRpcError(response.getError()));
        }
        if (response.isReverted()) {
            throw new ChainCallException("eth_call to " + to + " reverted",
                    RevertReason.fromErrorData(response.getValue()));
        }
        return response.getValue();
    }

    /**
     * eth_estimateGas of a call from {@code from} on the latest state; throws {@link ChainCallException} with the
     * revert reason when the call would revert.
     */
    public BigInteger estimateGas(Address from, Address to, String data, BigInteger value) {
        Transaction tx = Transaction.createFunctionCallTransaction(
                from == null ? null : from.hex(), null, null, null, to.hex(), value, data);
        EthEstimateGas response;
        try {
            response = web3j.ethEstimateGas(tx).send();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_estimateGas to " + to + " failed", e);
        }
        if (response.hasError()) {
            throw new ChainCallException("eth_estimateGas to " + to + " reverted", RevertReason.fromRpcError(response.getError()));
        }
        return response.getAmountUsed();
    }

    /**
     * Why a transaction mined in {@code block} with status 0 reverted: the call replayed on the state before that
     * block. Exact when the block holds only that transaction (automine); empty when the replay does not revert
     * (state changed earlier in the block) or gives no reason.
     */
    public Optional<String> revertReasonOfMined(Address from, Address to, String data, BigInteger value, BigInteger block) {
        try {
            call(from, to, data, value, DefaultBlockParameter.valueOf(block.subtract(BigInteger.ONE)));
            return Optional.empty();
        } catch (ChainCallException e) {
            return e.revertReason();
        }
    }

    public BigInteger blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_blockNumber failed", e);
        }
    }

    public BigInteger balance(Address account) {
        try {
            return web3j.ethGetBalance(account.hex(), DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getBalance failed", e);
        }
    }
}
