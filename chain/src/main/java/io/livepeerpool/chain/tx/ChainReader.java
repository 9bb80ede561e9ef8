package io.livepeerpool.chain.tx;

import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

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
