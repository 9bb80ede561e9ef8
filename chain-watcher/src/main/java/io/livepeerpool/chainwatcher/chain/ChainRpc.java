package io.livepeerpool.chainwatcher.chain;

import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The JSON-RPC calls the watcher makes, on web3j, each turning every kind of failure into an {@link RpcException}
 * and reporting it to an error listener (the metrics) exactly once. Works against any Ethereum JSON-RPC endpoint.
 */
public final class ChainRpc {
    public static final String ETH_BLOCK_NUMBER = "eth_blockNumber";
    public static final String ETH_CHAIN_ID = "eth_chainId";
    public static final String ETH_GET_BLOCK_BY_NUMBER = "eth_getBlockByNumber";
    public static final String ETH_GET_LOGS = "eth_getLogs";
    public static final String ETH_GET_TRANSACTION_RECEIPT = "eth_getTransactionReceipt";
    public static final String ETH_GET_TRANSACTION_BY_HASH = "eth_getTransactionByHash";
    public static final String ETH_CALL = "eth_call";

    private final Web3j web3j;
    private final Consumer<RpcException> errors;

    public ChainRpc(Web3j web3j, Consumer<RpcException> errors) {
        this.web3j = Objects.requireNonNull(web3j, "web3j");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * A web3j client for {@code rpcUrl} whose every call gives up after {@code timeoutMs} (connect, read and the whole
     * call) and is never retried behind our back: the watcher retries with its own backoff and counts each failure.
     */
    public static Web3j connect(String rpcUrl, long timeoutMs) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
        return Web3j.build(new HttpService(rpcUrl, http));
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return send(ETH_CHAIN_ID, web3j.ethChainId()).getChainId().longValueExact();
    }

    public long blockNumber() {
        return send(ETH_BLOCK_NUMBER, web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    /** The hash of block {@code number}; an {@link RpcException} if the node does not have it (yet). */
    public String blockHash(long number) {
        EthBlock response = send(ETH_GET_BLOCK_BY_NUMBER,
                web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false));
        EthBlock.Block block = response.getBlock();
        if (block == null || block.getHash() == null) {
            throw fail(new RpcException(ETH_GET_BLOCK_BY_NUMBER, "block " + number + " is unknown to the node", false, null));
        }
        return block.getHash().toLowerCase(java.util.Locale.ROOT);
    }

    /** Logs of {@code contracts} in blocks {@code from..to} (inclusive) whose topic0 is one of {@code topic0s}. */
    public List<Log> logs(long from, long to, List<Address> contracts, List<String> topic0s) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), contracts.stream().map(Address::hex).toList());
        filter.addOptionalTopics(topic0s.toArray(String[]::new));
        EthLog response = send(ETH_GET_LOGS, web3j.ethGetLogs(filter));
        List<Log> logs = new ArrayList<>();
        if (response.getLogs() == null) {
            throw fail(new RpcException(ETH_GET_LOGS, "no result for blocks " + from + ".." + to, false, null));
        }
        for (EthLog.LogResult<?> result : response.getLogs()) {
            if (!(result.get() instanceof Log log)) {
                throw fail(new RpcException(ETH_GET_LOGS, "the node returned filter ids, not logs", false, null));
            }
            logs.add(log);
        }
        return logs;
    }

    public TransactionReceipt receipt(String txHash) {
        return send(ETH_GET_TRANSACTION_RECEIPT, web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt()
                .orElseThrow(() -> fail(new RpcException(ETH_GET_TRANSACTION_RECEIPT, "no receipt for " + txHash, false, null)));
    }

    /** The gas price a legacy transaction offered: the fallback when a receipt has no effectiveGasPrice. */
    public BigInteger transactionGasPrice(String txHash) {
        return send(ETH_GET_TRANSACTION_BY_HASH, web3j.ethGetTransactionByHash(txHash)).getTransaction()
                .orElseThrow(() -> fail(new RpcException(ETH_GET_TRANSACTION_BY_HASH, "no transaction " + txHash, false, null)))
                .getGasPrice();
    }

    /** eth_call of {@code data} on {@code to}, at block {@code blockNumber} or, when negative, at the latest block. */
    public String call(Address to, String data, long blockNumber) {
        DefaultBlockParameter block = blockNumber < 0 ? DefaultBlockParameterName.LATEST
                : DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
        return send(ETH_CALL, web3j.ethCall(Transaction.createEthCallTransaction(null, to.hex(), data), block)).getValue();
    }

    /** An answer that is well-formed JSON-RPC but cannot be right (e.g. a log outside the range asked): counted, retried. */
    public RpcException invalidAnswer(String operation, String message) {
        return fail(new RpcException(operation, message, false, null));
    }

    private <T extends Response<?>> T send(String operation, Request<?, T> request) {
        T response;
        try {
            response = request.send();
        } catch (IOException | RuntimeException e) {
            // IOException: no connection, timeout, dropped connection, bad JSON; web3j's ClientConnectionException
            // (a RuntimeException): an HTTP status other than 2xx.
            throw fail(new RpcException(operation, String.valueOf(e.getMessage()), false, e));
        }
        if (response == null) {
            throw fail(new RpcException(operation, "empty response", false, null));
        }
        if (response.hasError()) {
            throw fail(new RpcException(operation, "error " + response.getError().getCode() + ": "
                    + response.getError().getMessage(), true, null));
        }
        return response;
    }

    private RpcException fail(RpcException e) {
        errors.accept(e);
        return e;
    }
}
