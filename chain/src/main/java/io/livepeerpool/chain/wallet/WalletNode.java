package io.livepeerpool.chain.wallet;

import io.livepeerpool.chain.tx.ChainCallException;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * The JSON-RPC calls every worker that signs its own transactions makes (the redeemer, the payout worker): head,
 * balance, nonce, fees, broadcast, receipt. An I/O failure or a node error that is not a revert becomes
 * {@link RpcFailure}, which a worker counts and answers with a reconciliation before it sends anything else.
 * Reads are retried once at once (idempotent; a lone dropped request is the common case); the broadcast never is
 * (a timed-out broadcast is reconciled by its receipt and the nonce).
 */
public final class WalletNode {
    private final Web3j web3j;
    private final ChainReader reader;

    public WalletNode(Web3j web3j) {
        this.web3j = web3j;
        this.reader = new ChainReader(web3j);
    }

    /** web3j over HTTP with every call bounded by the timeout and never retried behind the worker's back. */
    public static Web3j connect(String rpcUrl, Duration timeout) {
        long ms = timeout.toMillis();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(ms, TimeUnit.MILLISECONDS).readTimeout(ms, TimeUnit.MILLISECONDS)
                .writeTimeout(ms, TimeUnit.MILLISECONDS).callTimeout(ms, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false).build();
        return Web3j.build(new HttpService(rpcUrl, http));
    }

    public Web3j web3j() {
        return web3j;
    }

    public ChainReader reader() {
        return reader;
    }

    public long blockNumber() {
        return rpc("eth_blockNumber", reader::blockNumber).longValueExact();
    }

    public BigInteger balance(Address wallet) {
        return rpc("eth_getBalance", () -> reader.balance(wallet));
    }

    /** The nonce the next transaction must use given what is mined ({@code latest}) or also pending. */
    public long nonce(Address wallet, boolean pending) {
        return rpc("eth_getTransactionCount", () -> send(web3j.ethGetTransactionCount(wallet.hex(),
                pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST)).getTransactionCount())
                .longValueExact();
    }

    /**
     * Fees for a new transaction: tip from the node, max fee = 2 x base fee + tip, and never below the node's
     * eth_gasPrice (a max fee under the price the node suggests risks a transaction that never mines).
     */
    public Fees currentFees() {
        return rpc("fees", () -> {
            EthBlock.Block latest = send(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
            BigInteger base = latest.getBaseFeePerGas() == null ? BigInteger.ZERO : latest.getBaseFeePerGas();
            BigInteger tip = send(web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas();
            BigInteger price = send(web3j.ethGasPrice()).getGasPrice();
            return new Fees(base.shiftLeft(1).add(tip).max(price), tip);
        });
    }

    public BigInteger gasPrice() {
        return rpc("eth_gasPrice", () -> send(web3j.ethGasPrice()).getGasPrice());
    }

    /** eth_estimateGas; a revert is thrown as {@link ChainCallException} with its reason, anything else as RpcFailure. */
    public BigInteger estimateGas(Address from, Address to, String calldata, BigInteger value) {
        return rpc("eth_estimateGas", () -> reader.estimateGas(from, to, calldata, value));
    }

    public BroadcastResult broadcast(String rawTx) {
        EthSendTransaction sent = once("eth_sendRawTransaction", () -> {
            try {
                return web3j.ethSendRawTransaction(rawTx).send();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!sent.hasError()) {
            return new BroadcastResult.Accepted();
        }
        String message = sent.getError().getMessage() == null ? "" : sent.getError().getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("already known") || lower.contains("known transaction") || lower.contains("already imported")) {
            return new BroadcastResult.Accepted();
        }
        if (lower.contains("nonce too low") || lower.contains("nonce has already been used")) {
            return new BroadcastResult.NonceUsed(message);
        }
        return new BroadcastResult.Refused(message);
    }

    /** The receipt of {@code txHash} once mined (a failed one without its reason: see {@link ChainReader#revertReasonOfMined}). */
    public Optional<TxResult> receipt(String txHash) {
        return rawReceipt(txHash).map(TxResult::fromReceipt);
    }

    /** The node's receipt as it is (block hash, log indexes), once mined. */
    public Optional<TransactionReceipt> rawReceipt(String txHash) {
        return rpc("eth_getTransactionReceipt", () -> send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt());
    }

    /** A read: a transport failure is retried once at once; a second failure is the caller's {@link RpcFailure}. */
    public static <T> T rpc(String what, Supplier<T> call) {
        try {
            return once(what, call);
        } catch (RpcFailure first) {
            return once(what, call);
        }
    }

    /** One attempt: transport failures and node errors without a revert reason become {@link RpcFailure}. */
    public static <T> T once(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (UncheckedIOException e) {
            throw new RpcFailure(what + " failed: " + e.getCause(), e);
        } catch (ClientConnectionException e) {
            // web3j's HttpService reports an HTTP error status (e.g. a proxy's 500) as this unchecked exception
            throw new RpcFailure(what + " failed: " + e.getMessage(), e);
        } catch (ChainCallException e) {
            if (e.revertReason().isPresent()) {
                throw e;
            }
            throw new RpcFailure(what + " failed: " + e.getMessage(), e);
        }
    }

    private static <T extends Response<?>> T send(org.web3j.protocol.core.Request<?, T> request) {
        try {
            T response = request.send();
            if (response.hasError()) {
                throw new RpcFailure(request.getMethod() + ": " + response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
